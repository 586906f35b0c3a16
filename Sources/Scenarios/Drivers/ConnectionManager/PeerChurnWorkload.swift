import ChaosComponents
import ChaosCore
import ChaosNet

/// One seed of a lookup churn: `nodes` nodes, each booted knowing a few others and the seed (node 0); a few of them
/// look up random ids (and refresh in the background) while the others only answer, crash silently, abort with a
/// code and boot again after `downtime`.
final class PeerChurnWorkload: ScenarioWorkload {
    let peers: PeerWorld
    let config: PeerConfig
    private let random: SeededRandom
    private var snapshots: [ConnectionManagerSnapshot] = []
    private var churned = 0

    init(world: ScenarioWorld, variant: VariantName, config: PeerConfig) {
        var passive = config.settings
        passive.refreshInterval = nil
        peers = PeerWorld(
            world: world, variant: variant.component(ConnectionManagerVariant.self), settings: passive)
        self.config = config
        random = world.simulation.random("peers.churn")
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        let simulation = peers.simulation
        let clock = simulation.clock
        do {
            try peers.addMembers(1)
            try peers.addMembers(config.queryingNodes, settings: config.settings)
            try peers.addMembers(config.nodes - 1 - config.queryingNodes)
        } catch {
            return WorkloadFailure(cause: "setup", summary: "the peer network could not be built", detail: "\(error)")
        }
        PeerFaultPlacement.add(config.faults, to: peers)
        for member in peers.members {
            for contact in bootstrapContacts(for: member) { await member.manager.addContact(contact) }
        }
        await peers.startAll()
        let runFor = config.runFor
        for index in 1...config.queryingNodes {
            for _ in 0..<config.lookupsPerNode {
                let at = Duration.nanoseconds(Int64(random.uniform(below: Int(runFor.nanosecondsClamped))))
                peers.lookup(by: peers.member(index), of: NodeID(random.next()), after: at)
            }
        }
        let end = clock.now.advanced(by: runFor)
        await churn(until: end)
        try? await clock.sleep(until: end, tolerance: nil)
        snapshots = await PeerQuiescence.stopAndSettle(peers)
        return nil
    }

    /// The seed and `bootstrapContacts` others, drawn.
    private func bootstrapContacts(for member: PeerMember) -> [NodeContact] {
        let others = peers.members.filter { $0.id != member.id }
        var contacts = member.id == peers.member(0).id ? [] : [peers.member(0).contact]
        for _ in 0..<config.bootstrapContacts {
            contacts.append(others[random.uniform(below: others.count)].contact)
        }
        return contacts
    }

    /// Kills a random answering node every `churnEvery` on average (half silently, half with an abort code), and
    /// boots each `downtime` later.
    private func churn(until end: SimClock.Instant) async {
        let clock = peers.simulation.clock
        let firstPassive = 1 + config.queryingNodes
        guard firstPassive < peers.members.count else { return }
        while true {
            let next = clock.now.advanced(by: random.exponential(mean: config.churnEvery))
            guard next < end else { return }
            guard (try? await clock.sleep(until: next, tolerance: nil)) != nil else { return }
            let member = peers.member(firstPassive + random.uniform(below: peers.members.count - firstPassive))
            guard !member.isDown else { continue }
            let codes: [UInt64] = [1, 7, 42]
            member.kill(abortCode: random.chance(0.5) ? codes[random.uniform(below: codes.count)] : nil)
            churned += 1
            let downtime = config.downtime
            let contacts = bootstrapContacts(for: member)
            let world = peers
            peers.simulation.spawn(name: "reboot \(member.id)") {
                try await clock.sleep(for: downtime)
                // Once the run is over every node stops: one booting then would be a process nobody stops.
                guard clock.now < end else { return }
                try await world.reboot(member, contacts: contacts)
                world.ledger.reboots += 1
            }
        }
    }

    func violations() async -> [InvariantViolation] {
        PeerInvariants.check(peers, snapshots: snapshots)
    }

    func figures() async -> SeedFigures {
        var figures = PeerFigures.make(peers)
        figures.count("churn", "killed", by: churned)
        figures.count("churn", "rebooted", by: peers.ledger.reboots)
        return figures
    }
}

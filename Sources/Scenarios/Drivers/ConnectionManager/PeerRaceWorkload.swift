import ChaosComponents
import ChaosCore
import ChaosNet

/// One seed of a race scenario: plays one race of the file's list (drawn), lets it run out, stops every node, waits
/// 1.5 idle timeouts (FoundationDB's leaked-connection window) and checks.
final class PeerRaceWorkload: ScenarioWorkload {
    let peers: PeerWorld
    let config: PeerConfig
    private let random: SeededRandom
    private var race: PeerRaceCase?
    private var snapshots: [ConnectionManagerSnapshot] = []

    init(world: ScenarioWorld, variant: VariantName, config: PeerConfig) {
        peers = PeerWorld(
            world: world, variant: variant.component(ConnectionManagerVariant.self), settings: config.settings)
        self.config = config
        random = world.simulation.random("peers.race")
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        let race = config.races[random.uniform(below: config.races.count)]
        self.race = race
        let simulation = peers.simulation
        simulation.trace("workload", "race \(race.rawValue)")
        do {
            let playFor = try await PeerRaceScripts(world: peers, random: random).play(race)
            PeerFaultPlacement.add(config.faults, to: peers)
            try await simulation.clock.sleep(for: playFor)
        } catch {
            return WorkloadFailure(
                cause: "setup", summary: "the race could not be set up", detail: "\(race.rawValue): \(error)")
        }
        snapshots = await PeerQuiescence.stopAndSettle(peers)
        return nil
    }

    func violations() async -> [InvariantViolation] {
        PeerInvariants.check(peers, snapshots: snapshots)
    }

    func figures() async -> SeedFigures {
        var figures = PeerFigures.make(peers)
        if let race { figures.count("races", race.rawValue) }
        return figures
    }
}

/// Stopping a peer world and letting it settle before the invariants look.
enum PeerQuiescence {
    /// Stops every node that is up, waits 1.5 idle timeouts (and a second) for the peers of dead nodes to notice,
    /// and returns the snapshots of the managers that are up.
    static func stopAndSettle(_ world: PeerWorld) async -> [ConnectionManagerSnapshot] {
        await world.stopAll()
        let idle = world.peers.settings.maxIdleTimeout
        try? await world.simulation.clock.sleep(for: idle * 3 / 2 + .seconds(1))
        var snapshots: [ConnectionManagerSnapshot] = []
        for member in world.members where !member.isDown { snapshots.append(await member.manager.snapshot) }
        return snapshots
    }
}

/// Puts the file's peer faults on the world's nodes.
enum PeerFaultPlacement {
    static func add(_ specs: [PeerFaultSpec], to world: PeerWorld) {
        for spec in specs {
            var fault = spec.fault
            if let index = spec.nodeIndex, index < world.members.count { fault.node = world.member(index).id }
            world.peers.addFault(fault)
        }
    }
}

/// Every fault of one world — network, HTTP, file system, power — in one place, scheduled on one clock.
///
/// The layers never read the fault list themselves: each asks the plan one typed question and acts on the answer.
///
/// | layer | question | decision | toxicity is drawn |
/// |---|---|---|---|
/// | connect attempt | `connectDecision` | `ConnectDecision` | per attempt |
/// | network segment | `segmentConditions` | `PipeConditions` | once per connection (first time active on it) |
/// | HTTP response | `responsePlan` | `ResponsePlan` | once per response |
/// | file-system operation | `fileSystemDecision` | `FileSystemDecision` | per operation |
/// | machine (disk size, power) | `diskCapacityLimit`, `nextPowerLoss` | a limit, a period | never (toxicity 1) |
///
/// Each fault's activity (always, windows, episodes) is one `FaultSchedule` drawn from the fault's own random stream,
/// so adding a fault never changes when another is active. Every firing — a fault changing what a layer does — is a
/// `fault` trace event naming the fault; network faults that act on a stream are traced once per connection,
/// direction and active period, the others each time.
///
/// Not thread-safe: use on the simulation's thread.
public final class FaultPlan: @unchecked Sendable, CustomStringConvertible {
    /// Unowned when the host is a simulation, which keeps the plan alive (see `init`); nil for a detached plan.
    private let hostReference: HostReference
    /// A detached plan's generator for toxicity draws.
    private var detachedRandom: (any RandomNumberGenerator)?
    /// Network and HTTP faults, in the order they are consulted.
    public private(set) var faults: [Fault] = []
    /// File-system faults, in the order they are consulted.
    public private(set) var fileSystemFaults: [FileSystemFault] = []
    private var schedules: [String: FaultSchedule] = [:]
    private(set) var releasedHolds: Set<String> = []
    /// Per `operationError` fault: matching operations so far, and how many of them it failed.
    private var operationCounts: [String: (matched: Int, fired: Int)] = [:]
    /// (fault, period start) pairs of whole-disk faults already traced.
    private var tracedDiskPeriods: Set<DiskPeriodKey> = []
    /// Called when data held by a fault may move on (a hold released, a fault removed).
    private var releaseObservers: [() -> Void] = []

    private struct UnownedSimulation {
        unowned let simulation: Simulation
    }

    private enum HostReference {
        case simulation(UnownedSimulation)
        case live(any FaultPlanHost)
        case detached
    }

    private var host: (any FaultPlanHost)? {
        switch hostReference {
        case let .simulation(reference): reference.simulation
        case let .live(host): host
        case .detached: nil
        }
    }

    private struct DiskPeriodKey: Hashable {
        var fault: String
        var periodStart: Int64
    }

    /// The plan of `simulation`'s world: it draws from the simulation's streams and traces into its trace.
    public init(_ simulation: Simulation) {
        hostReference = .simulation(UnownedSimulation(simulation: simulation))
        simulation.attach(self)
    }

    /// A plan on a host other than a simulation (live mode's wall clock), which the plan keeps alive.
    public init(host: any FaultPlanHost) {
        hostReference = .live(host)
    }

    /// A plan outside any simulation (a file system used on its own): time stands at zero, nothing is traced, and
    /// toxicities below 1 draw from `random` (a fault that needs a draw traps without one).
    public init(detachedWith random: (any RandomNumberGenerator)? = nil) {
        hostReference = .detached
        detachedRandom = random
    }

    var nowNanoseconds: Int64 { host?.faultTimeNanoseconds ?? 0 }

    // MARK: - Changing the plan

    /// Adds a network or HTTP fault at the end of its list. Names are unique across the plan.
    public func add(_ fault: Fault) {
        precondition(!hasFault(named: fault.name), "a fault named \(fault.name) already exists")
        faults.append(fault)
        trace("added \(fault)")
    }

    /// Adds a file-system fault at the end of its list. Names are unique across the plan.
    public func add(_ fault: FileSystemFault) {
        precondition(!hasFault(named: fault.name), "a fault named \(fault.name) already exists")
        fileSystemFaults.append(fault)
        trace("added \(fault)")
    }

    /// Removes the fault named `name`, whichever layer it acts on; data it was holding moves on.
    public func remove(named name: String) {
        faults.removeAll { $0.name == name }
        fileSystemFaults.removeAll { $0.name == name }
        schedules[name] = nil
        operationCounts[name] = nil
        trace("removed \(name)")
        notifyRelease()
    }

    /// Removes every file-system fault (the healed phase of a scenario).
    public func removeAllFileSystemFaults() {
        for fault in fileSystemFaults { remove(named: fault.name) }
    }

    /// Releases the data a `hold` fault is holding, and lets later data through while the fault stays listed.
    public func release(_ name: String) {
        releasedHolds.insert(name)
        trace("released \(name)")
        notifyRelease()
    }

    public func hasFault(named name: String) -> Bool {
        faults.contains { $0.name == name } || fileSystemFaults.contains { $0.name == name }
    }

    /// Registers `action` to run whenever held data may move on.
    func onRelease(_ action: @escaping () -> Void) {
        releaseObservers.append(action)
    }

    private func notifyRelease() {
        for observer in releaseObservers { observer() }
    }

    /// The plan as text, one fault per line in consultation order: what `chaos-run` prints and what two plans are
    /// compared by.
    public var description: String {
        (faults.map(\.description) + fileSystemFaults.map(\.description)).joined(separator: "\n")
    }

    // MARK: - Schedules, draws and traces

    /// When the named fault is active. Network faults draw their episodes from `fault.NAME.episodes`, file-system
    /// faults from `fs-fault.NAME`.
    func schedule(named name: String, activity: FaultActivity, stream: @autoclosure () -> String) -> FaultSchedule {
        if let schedule = schedules[name] { return schedule }
        let random: SeededRandom = if let host {
            host.random(stream())
        } else {
            SeededRandom(seed: 0, name: stream())
        }
        let schedule = FaultSchedule(activity: activity, random: random)
        schedules[name] = schedule
        return schedule
    }

    func schedule(of fault: Fault) -> FaultSchedule {
        schedule(named: fault.name, activity: fault.activity, stream: Self.episodeStream(of: fault))
    }

    func schedule(of fault: FileSystemFault) -> FaultSchedule {
        schedule(named: fault.name, activity: fault.activity, stream: Self.episodeStream(of: fault))
    }

    /// The random stream a network fault's episodes are drawn from.
    static func episodeStream(of fault: Fault) -> String { "fault.\(fault.name).episodes" }

    /// The random stream a file-system fault's episodes are drawn from.
    static func episodeStream(of fault: FileSystemFault) -> String { "fs-fault.\(fault.name)" }

    /// The active periods of the named fault drawn so far, up to `time` (for reports and tests).
    public func activePeriods(
        ofFault name: String, through time: SimClock.Instant
    ) -> [(start: Duration, end: Duration)] {
        let schedule: FaultSchedule
        if let fault = faults.first(where: { $0.name == name }) {
            schedule = self.schedule(of: fault)
        } else if let fault = fileSystemFaults.first(where: { $0.name == name }) {
            schedule = self.schedule(of: fault)
        } else {
            return []
        }
        _ = schedule.activePeriod(at: time.nanosecondsSinceEpoch)
        return schedule.periods
            .filter { $0.start <= time.nanosecondsSinceEpoch }
            .map { (.nanoseconds($0.start), .nanoseconds($0.end)) }
    }

    /// Draws whether a fault with `toxicity` acts, from the stream `fault.NAME.toxicity` (toxicity 1 draws nothing).
    func drawToxicity(_ toxicity: Double, of name: String) -> Bool {
        if toxicity >= 1 { return true }
        if let host { return host.random("fault.\(name).toxicity").chance(toxicity) }
        guard detachedRandom != nil else { preconditionFailure("fault \(name) has a toxicity but no random generator") }
        return toxicity > 0 && Double(detachedRandom!.next() >> 11) * 0x1p-53 < toxicity
    }

    /// A `fault` trace event.
    func trace(_ message: String) {
        host?.trace("fault", message)
    }

    /// Traces a whole-disk fault once per active period.
    func traceDiskFiring(_ fault: FileSystemFault, period: (start: Int64, end: Int64), _ message: String) {
        guard tracedDiskPeriods.insert(DiskPeriodKey(fault: fault.name, periodStart: period.start)).inserted else {
            return
        }
        trace("\(fault.name) (\(fault.kind.name)) \(message)")
    }

    func countMatch(of name: String, fired: Bool) {
        var counts = operationCounts[name] ?? (0, 0)
        counts.matched += 1
        if fired { counts.fired += 1 }
        operationCounts[name] = counts
    }

    /// How many operations the named `operationError` fault matched, and how many it failed.
    public func operationCounts(ofFault name: String) -> (matched: Int, fired: Int) {
        operationCounts[name] ?? (0, 0)
    }
}

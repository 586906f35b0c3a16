import Triage

/// A component driven the way a test or a service loop drives it, in one seed's world. Drivers build one per seed
/// (`ComponentDriver.makeWorkload`); the runner runs it, checks it and classifies what happened. Used on the
/// simulation's thread only.
public protocol ScenarioWorkload: AnyObject {
    /// Runs the workload's operations once, as one CI test run does; `pass` is 0 for the first run and n for rerun n
    /// in the same world. Returns why the run failed, or nil when it passed.
    func perform(pass: Int) async -> WorkloadFailure?
    /// What is broken in the world now, checked after the workload ran: typed violations, never prose to parse.
    func violations() async -> [InvariantViolation]
    /// Counters and distributions of this seed for the sweep's report (empty by default), taken after the first run.
    func figures() async -> SeedFigures
}

extension ScenarioWorkload {
    public func figures() async -> SeedFigures { SeedFigures() }
}

/// Why one run of a workload failed, normalised for failure signatures.
public struct WorkloadFailure: Sendable, Equatable {
    /// A stable short name of the cause, the same across seeds (`500:read_timeout`, `503:http_503`).
    public var cause: String
    /// One line for people, stable across seeds.
    public var summary: String
    /// This seed's specifics.
    public var detail: String

    public init(cause: String, summary: String, detail: String) {
        self.cause = cause
        self.summary = summary
        self.detail = detail
    }
}

/// One broken invariant: which one, and what this seed's world shows.
public struct InvariantViolation: Sendable, Equatable {
    public var invariant: InvariantName
    public var message: String

    public init(_ invariant: InvariantName, _ message: String) {
        self.invariant = invariant
        self.message = message
    }
}

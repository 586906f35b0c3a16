import ChaosCore

/// The simulation's meter of a component's work in flight: units and the bytes they hold, now, at their peak and per
/// second of virtual time. Past the budget the simulated process dies (`Outcome.crash`, the budget's cause), as a
/// real one is killed when it blows its memory limit: the run never allocates what it models.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimWorkMeter: WorkMeter, @unchecked Sendable {
    /// A memory limit and the cause a crash at it is named by (`egress.oom`).
    public struct Budget: Sendable, Equatable {
        public var bytes: Int
        public var cause: String

        public init(bytes: Int, cause: String) {
            precondition(bytes > 0, "a memory budget must be positive")
            self.bytes = bytes
            self.cause = cause
        }
    }

    /// The most units and bytes in flight during one second of virtual time.
    public struct Second: Sendable, Equatable {
        public var second: Int64
        public var peakUnits: Int
        public var peakBytes: Int
    }

    public let budget: Budget?
    public private(set) var units = 0
    public private(set) var bytes = 0
    public private(set) var peakUnits = 0
    public private(set) var peakBytes = 0
    /// Units begun so far.
    public private(set) var begun = 0
    /// One entry per second in which work was in flight, in order.
    public private(set) var seconds: [Second] = []
    private let simulation: Simulation

    public init(simulation: Simulation, budget: Budget?) {
        self.simulation = simulation
        self.budget = budget
    }

    public func begin(bytes: Int) {
        units += 1
        begun += 1
        self.bytes += bytes
        peakUnits = max(peakUnits, units)
        peakBytes = max(peakBytes, self.bytes)
        noteSecond()
        if let budget, self.bytes > budget.bytes {
            simulation.crash(CrashReport(
                cause: budget.cause, summary: "work in flight held more than the memory budget of \(budget.bytes) B",
                detail: "\(units) units held \(self.bytes) B"))
        }
    }

    public func end(bytes: Int) {
        units -= 1
        self.bytes -= bytes
    }

    private func noteSecond() {
        let second = simulation.now.offset.components.seconds
        if seconds.last?.second != second {
            seconds.append(Second(second: second, peakUnits: units, peakBytes: bytes))
        } else {
            seconds[seconds.count - 1].peakUnits = max(seconds[seconds.count - 1].peakUnits, units)
            seconds[seconds.count - 1].peakBytes = max(seconds[seconds.count - 1].peakBytes, bytes)
        }
    }
}

/// Why a simulation stopped. Each stop condition is its own case, so callers can never mistake one for another.
public enum Outcome: Sendable, Equatable {
    /// The root task returned or threw; `SimulationResult.value` holds which.
    case completed
    /// The next timer lay beyond the virtual-time limit while work was still pending.
    case timeout(limit: Duration)
    /// The scheduler ran the configured maximum number of jobs.
    case stepLimit(steps: Int)
    /// Nothing could run and no timer was pending, yet the root had not finished.
    case hang(HangReport)
    /// The determinism contract was broken (work entered the simulation from another thread, a real clock was used…).
    case violation(ViolationReport)
    /// The simulated process died: a budget of the world was blown (memory, say) or a background error escaped, and
    /// the run stopped where a real process would have been killed (`Simulation.crash`).
    case crash(CrashReport)

    /// A short, stable name: `completed`, `timeout`, `step-limit`, `hang`, `violation`, `crash`.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .timeout: "timeout"
        case .stepLimit: "step-limit"
        case .hang: "hang"
        case .violation: "violation"
        case .crash: "crash"
        }
    }

    /// One line for people: the name plus what explains it.
    public var summary: String {
        switch self {
        case .completed: "completed"
        case let .timeout(limit): "timeout: virtual-time limit \(limit.formattedSeconds) reached with work pending"
        case let .stepLimit(steps): "step-limit: \(steps) jobs run without finishing"
        case let .hang(report): "hang: \(report.summary)"
        case let .violation(report): "violation: \(report.reasons.first ?? "determinism contract broken")"
        case let .crash(report): "crash: \(report.cause): \(report.summary)"
        }
    }
}

/// What each unfinished task was waiting on when the simulation went quiet.
public struct HangReport: Sendable, Equatable {
    /// Registered wait points, in the order the waits began.
    public var waits: [Wait]
    /// Tasks started with `Simulation.spawn` (and the root) that had not finished, in start order.
    public var unfinishedTasks: [String]

    public struct Wait: Sendable, Equatable {
        /// The waiting task's name (`Task.name`), or `unnamed task`.
        public var task: String
        /// What it waits on, as named by the code that suspended it.
        public var waitPoint: String
        /// Virtual time at which the wait began, in nanoseconds.
        public var sinceNanoseconds: Int64

        public init(task: String, waitPoint: String, sinceNanoseconds: Int64) {
            self.task = task
            self.waitPoint = waitPoint
            self.sinceNanoseconds = sinceNanoseconds
        }
    }

    public var summary: String {
        var parts = waits.map { "'\($0.task)' waits on '\($0.waitPoint)' since \(TraceEvent.formatTime($0.sinceNanoseconds).trimmingLeadingSpaces)" }
        let waiting = Set(waits.map(\.task))
        let silent = unfinishedTasks.filter { !waiting.contains($0) }
        if !silent.isEmpty {
            parts.append("unfinished without a named wait point: " + silent.map { "'\($0)'" }.joined(separator: ", "))
        }
        return parts.isEmpty ? "no runnable work and no timers, but the root has not finished" : parts.joined(separator: "; ")
    }
}

/// Why the simulated process died, as the code that killed it said: a stable cause for signatures, a line for people,
/// and this run's specifics.
public struct CrashReport: Sendable, Equatable {
    /// Stable across seeds, dotted lower-case words (`egress.oom`).
    public var cause: String
    /// One line, stable across seeds.
    public var summary: String
    /// This run's figures (sizes, times).
    public var detail: String
    /// Virtual time of the crash, in nanoseconds.
    public var atNanoseconds: Int64

    public init(cause: String, summary: String, detail: String, atNanoseconds: Int64 = 0) {
        self.cause = cause
        self.summary = summary
        self.detail = detail
        self.atNanoseconds = atNanoseconds
    }
}

/// The ways the determinism contract was broken, in the order they were noticed.
public struct ViolationReport: Sendable, Equatable {
    public var reasons: [String]
}

extension String {
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " })) }
}

import ChaosCore

/// An error that background work threw and nothing handled: the simulation's record of what, in Node, would be an
/// unhandled rejection that kills the process.
///
/// `task` and `owner` say where it was thrown (the background work's name and the part of the world that started
/// it), `errorName` what it was, in a form stable across seeds (no ids, sizes or times), so that failure signatures
/// can group seeds by it; `message` is this run's full description.
public struct EscapedError: Sendable, Equatable, CustomStringConvertible {
    /// The background task's name, as given to `spawnBackground` or a `BackgroundTaskStarter`.
    public var task: String
    /// What started it: a component, a service, the world.
    public var owner: String
    /// The error's type and case (`PeerConnectionError.peerClosed`), or its `NamedError.causeName`.
    public var errorName: String
    /// The error as it describes itself, with this run's specifics.
    public var message: String
    /// Virtual time of the escape, in nanoseconds.
    public var atNanoseconds: Int64
    /// The number of the escape's own event in the trace, counted from 1 as `replay --trace` numbers the timeline.
    public var traceEventNumber: Int

    public init(
        task: String, owner: String, errorName: String, message: String, atNanoseconds: Int64, traceEventNumber: Int
    ) {
        self.task = task
        self.owner = owner
        self.errorName = errorName
        self.message = message
        self.atNanoseconds = atNanoseconds
        self.traceEventNumber = traceEventNumber
    }

    public var description: String {
        "'\(task)' of \(owner) threw \(errorName): \(message)"
    }

    /// A name for `error` that stays the same across seeds: a `NamedError`'s type and cause name, an enum's type and
    /// case without its associated values, otherwise its type.
    public static func stableName(of error: any Error) -> String {
        let type = String(describing: Swift.type(of: error))
        if let named = error as? any NamedError { return "\(type).\(named.causeName)" }
        guard Mirror(reflecting: error).displayStyle == .enum else { return type }
        let text = String(describing: error)
        let caseName = text.prefix { $0 != "(" }
        // A type with its own description may print anything; only a bare identifier is a case name.
        guard !caseName.isEmpty, caseName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return type }
        return "\(type).\(caseName)"
    }
}

/// What the simulation does when background work lets an error escape.
public enum EscapePolicy: String, Sendable, Equatable {
    /// Record it in the ledger and end the run with `Outcome.crash`, as the real process would die (the default).
    case crash
    /// Record it in the ledger and the trace, and go on: for tests that count escapes.
    case record
}

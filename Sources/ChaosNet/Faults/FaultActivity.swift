/// When a fault is active.
public enum FaultActivity: Sendable, Equatable, CustomStringConvertible {
    /// From the start of the simulation, for ever.
    case always
    /// During scripted windows of virtual time.
    case windows([FaultWindow])
    /// During episodes of an on/off process: quiet gaps and active episodes with exponentially distributed lengths of
    /// the given means, drawn from the fault's own random stream. Episodes make faults correlated in time ("the
    /// registry is overloaded for about 90 s a few times an hour"), which is why the delay before a rerun matters.
    case episodes(meanGap: Duration, meanDuration: Duration)

    public var description: String {
        switch self {
        case .always: "always"
        case let .windows(windows): "windows " + windows.map(\.description).joined(separator: ", ")
        case let .episodes(gap, duration):
            "episodes (mean gap \(gap.formattedSeconds), mean duration \(duration.formattedSeconds))"
        }
    }
}

/// A half-open interval of virtual time, `[start, end)`, measured from the simulation's epoch.
public struct FaultWindow: Sendable, Equatable, CustomStringConvertible {
    public var start: Duration
    public var end: Duration

    public init(start: Duration, end: Duration) {
        precondition(start <= end, "a fault window must not end before it starts")
        self.start = start
        self.end = end
    }

    public var description: String { "[\(start.formattedSeconds), \(end.formattedSeconds))" }
}

/// One thing that happened in a simulation, at a virtual time.
public struct TraceEvent: Sendable, Equatable, Codable {
    /// Position in the whole trace, counting events the bounded buffer has since dropped.
    public var index: Int
    /// Virtual time since the simulation's epoch, in nanoseconds.
    public var timeNanoseconds: Int64
    /// What emitted the event: `kernel`, a task name, a component, a fault.
    public var source: String
    public var message: String

    public init(index: Int, timeNanoseconds: Int64, source: String, message: String) {
        self.index = index
        self.timeNanoseconds = timeNanoseconds
        self.source = source
        self.message = message
    }

    /// `[     12.500000000s] source: message`, fixed width so that timelines line up.
    public var timelineLine: String {
        "[\(Self.formatTime(timeNanoseconds))] \(source): \(message)"
    }

    /// Formats nanoseconds as seconds with nine decimals, right-aligned to 20 columns.
    public static func formatTime(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        let whole = magnitude / 1_000_000_000
        let fraction = String(magnitude % 1_000_000_000)
        let padded = String(repeating: "0", count: 9 - fraction.count) + fraction
        let text = (negative ? "-" : "") + "\(whole).\(padded)s"
        return String(repeating: " ", count: max(0, 20 - text.count)) + text
    }
}

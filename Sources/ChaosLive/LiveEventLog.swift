import Foundation
import Synchronization

/// Live mode's record of what happened, with wall time: every fault firing and server event as a line on standard
/// error (`2026-12-02T15:04:05.123Z +12.345s fault: …`, the second figure being the scenario's time), and the last
/// events kept for the control API's `GET /events`.
public final class LiveEventLog: Sendable {
    /// One recorded event.
    public struct Event: Sendable, Equatable {
        /// Wall time, as ISO 8601 with milliseconds (UTC).
        public var wallTime: String
        /// The scenario's time since the services started (wall time divided by the time scale).
        public var scenarioSeconds: Double
        public var source: String
        public var message: String
    }

    private let kept = Mutex<[Event]>([])
    private let capacity: Int
    private let write: @Sendable (String) -> Void

    /// A log that keeps the last `capacity` events and writes each line with `write` (standard error by default).
    public init(capacity: Int = 1000, write: @escaping @Sendable (String) -> Void = LiveEventLog.standardError) {
        self.capacity = capacity
        self.write = write
    }

    /// Records an event at scenario time `scenarioSeconds`.
    public func record(_ source: String, _ message: String, scenarioSeconds: Double) {
        // The wall time is the point of a live log.
        let wallTime = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))  // determinism: ok
        let event = Event(
            wallTime: wallTime,
            scenarioSeconds: scenarioSeconds, source: source, message: message)
        kept.withLock { events in
            events.append(event)
            if events.count > capacity { events.removeFirst(events.count - capacity) }
        }
        write("\(event.wallTime) +\(String(format: "%.3f", scenarioSeconds))s \(source): \(message)")
    }

    /// The events kept, oldest first.
    public var events: [Event] { kept.withLock { $0 } }

    /// Writes `line` and a newline to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// The ordered events of one simulation, kept in a bounded ring buffer, with a digest over all of them.
///
/// Memory stays bounded however long a simulation runs: only the last `capacity` events are kept for the timeline,
/// but every event (and every scheduling decision the scheduler mixes in) goes into the digest.
///
/// Not thread-safe: owned by one simulation and touched only on its thread.
public struct Trace: Sendable {
    public let capacity: Int
    private var ring: [TraceEvent] = []
    private var head = 0
    private var hash = StableHash()
    /// Every event ever recorded, including the ones the ring buffer dropped.
    public private(set) var totalCount = 0

    public init(capacity: Int) {
        precondition(capacity >= 0, "trace capacity must not be negative")
        self.capacity = capacity
    }

    /// Events still held, oldest first.
    public var events: [TraceEvent] {
        if ring.count < capacity || head == 0 { return ring }
        return Array(ring[head...] + ring[..<head])
    }

    /// Events recorded but no longer held.
    public var droppedCount: Int { totalCount - ring.count }

    public var digest: TraceDigest { TraceDigest(value: hash.finalized) }

    mutating func record(timeNanoseconds: Int64, source: String, message: String) {
        hash.mix(UInt64(bitPattern: timeNanoseconds))
        hash.mix(source)
        hash.mix(message)
        let event = TraceEvent(index: totalCount, timeNanoseconds: timeNanoseconds, source: source, message: message)
        totalCount += 1
        guard capacity > 0 else { return }
        if ring.count < capacity {
            ring.append(event)
        } else {
            ring[head] = event
            head = (head + 1) % capacity
        }
    }

    /// Mixes a scheduling decision into the digest without recording an event: cheap enough for every step.
    @inline(__always)
    mutating func mixDecision(_ word: UInt64) {
        hash.mix(word)
    }

    /// The held events as a readable timeline, one line each, noting how many earlier events were dropped.
    public var timeline: String {
        var lines: [String] = []
        if droppedCount > 0 { lines.append("… \(droppedCount) earlier events not kept (trace capacity \(capacity))") }
        lines.append(contentsOf: events.map(\.timelineLine))
        return lines.joined(separator: "\n")
    }
}

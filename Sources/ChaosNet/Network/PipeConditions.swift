/// What the link and the active faults say about the next segment leaving one direction of a connection.
struct PipeConditions {
    enum Gate {
        /// Send now.
        case open
        /// Hold the data; look again at the given time, or when a hold is released if nil.
        case hold(until: Int64?)
        /// Reset the connection.
        case reset(reason: String)
    }

    var gate = Gate.open
    var latency: Int64
    var jitterMax: Int64
    var bandwidthBytesPerSecond: Int?
    var segmentSize: Int
    var sliceDelay: Int64 = 0
    var limitData: Int?
    /// A black hole (the `timeout` fault: a proxy that swallows data) takes the segment, and it never arrives.
    var dropBy: String?
    /// A partition loses the segment on the path: the stack keeps it and retransmits it later.
    var lostBy: String?
    var retransmission: RetransmissionPolicy
    var slowCloseDelay: Int64 = 0

    init(link: LinkConditions) {
        latency = link.latency.nanosecondsClamped
        jitterMax = link.jitter.nanosecondsClamped
        bandwidthBytesPerSecond = link.bandwidthBytesPerSecond
        segmentSize = link.segmentSize
        retransmission = link.retransmission
    }

    /// Nanoseconds needed to put `bytes` on the wire at the current bandwidth.
    func transmitNanoseconds(_ bytes: Int) -> Int64 {
        guard let rate = bandwidthBytesPerSecond else { return 0 }
        // Rounded up, so that a limited link never delivers faster than its rate.
        let (high, low) = UInt64(bytes).multipliedFullWidth(by: 1_000_000_000)
        let (quotient, remainder) = UInt64(rate).dividingFullWidth((high, low))
        return Int64(clamping: quotient + (remainder > 0 ? 1 : 0))
    }
}

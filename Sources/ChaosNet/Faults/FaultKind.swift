/// The kinds of network fault: everything toxiproxy offers, plus partitions, clogs and holds between hosts.
public enum FaultKind: Sendable, Equatable, CustomStringConvertible {
    /// Adds `base` ± `jitter` (uniform) to every segment's delivery; order is preserved.
    case latency(base: Duration, jitter: Duration)
    /// Limits the rate at which bytes leave the sender.
    case bandwidth(bytesPerSecond: Int)
    /// Splits data into segments of `averageSize` ± `sizeVariation` bytes, `delay` apart.
    case slicer(averageSize: Int, sizeVariation: Int, delay: Duration)
    /// Closes the connection once `bytes` bytes have gone through in the fault's direction.
    case limitData(bytes: Int)
    /// Resets the connection `after` its start (or at once if it is already older).
    case resetPeer(after: Duration)
    /// A black hole: data stops arriving but the connection stays open, which is what makes reads time out. With
    /// `closeAfter`, the connection is closed that long after the black hole first swallowed data.
    case timeout(closeAfter: Duration?)
    /// Delays the delivery of a close (FIN) by `delay`.
    case slowClose(delay: Duration)
    /// The target refuses connections (the service is down).
    case down
    /// Packets are lost: data in the fault's direction is dropped and connection attempts time out.
    case partition
    /// Packets are held while the fault is active and delivered, in order, when it ends.
    case clog
    /// Packets are held until `SimNetwork.release(_:)` names this fault (or the fault is removed).
    case hold

    // HTTP-level faults, applied by a `SimHTTPServer` on the targeted service, per response.

    /// Answers with `code` (e.g. 429, 503) instead of calling the handler, with `Retry-After` when given.
    case httpStatus(code: Int, retryAfter: Duration?)
    /// Delays the response head.
    case httpSlowHeaders(delay: Duration)
    /// Stops sending the body after `afterBytes` bytes for `duration` (for ever if nil), connection open.
    case httpStallBody(afterBytes: Int, duration: Duration?)
    /// Sends only `afterBytes` bytes of a Content-Length body, then closes: the body is shorter than announced.
    case httpTruncateBody(afterBytes: Int)
    /// Closes a chunked body in the middle of the chunk that crosses `afterBytes`.
    case httpAbortMidChunk(afterBytes: Int)
    /// Closes a chunked body at the first chunk boundary at or after `afterBytes`, without the terminating chunk.
    case httpCloseBetweenChunks(afterBytes: Int)

    /// Whether the HTTP server, rather than the network, applies this fault.
    public var isHTTPLevel: Bool {
        switch self {
        case .httpStatus, .httpSlowHeaders, .httpStallBody, .httpTruncateBody, .httpAbortMidChunk,
             .httpCloseBetweenChunks:
            true
        case .latency, .bandwidth, .slicer, .limitData, .resetPeer, .timeout, .slowClose, .down, .partition, .clog,
             .hold:
            false
        }
    }

    /// The kind's name as used in scenario files and trace events.
    public var name: String {
        switch self {
        case .latency: "latency"
        case .bandwidth: "bandwidth"
        case .slicer: "slicer"
        case .limitData: "limit_data"
        case .resetPeer: "reset_peer"
        case .timeout: "timeout"
        case .slowClose: "slow_close"
        case .down: "down"
        case .partition: "partition"
        case .clog: "clog"
        case .hold: "hold"
        case .httpStatus: "http_status"
        case .httpSlowHeaders: "http_slow_headers"
        case .httpStallBody: "http_stall_body"
        case .httpTruncateBody: "http_truncate_body"
        case .httpAbortMidChunk: "http_abort_mid_chunk"
        case .httpCloseBetweenChunks: "http_close_between_chunks"
        }
    }

    public var description: String {
        switch self {
        case let .latency(base, jitter): "latency(\(base.formattedSeconds) ± \(jitter.formattedSeconds))"
        case let .bandwidth(rate): "bandwidth(\(rate) B/s)"
        case let .slicer(size, variation, delay): "slicer(\(size) ± \(variation) B, \(delay.formattedSeconds) apart)"
        case let .limitData(bytes): "limit_data(\(bytes) B)"
        case let .resetPeer(after): "reset_peer(after \(after.formattedSeconds))"
        case let .timeout(closeAfter): "timeout(close after \(closeAfter?.formattedSeconds ?? "never"))"
        case let .slowClose(delay): "slow_close(\(delay.formattedSeconds))"
        case .down, .partition, .clog, .hold: name
        case let .httpStatus(code, retryAfter):
            "http_status(\(code)\(retryAfter.map { ", Retry-After \($0.formattedSeconds)" } ?? ""))"
        case let .httpSlowHeaders(delay): "http_slow_headers(\(delay.formattedSeconds))"
        case let .httpStallBody(after, duration):
            "http_stall_body(after \(after) B, \(duration?.formattedSeconds ?? "for ever"))"
        case let .httpTruncateBody(after): "http_truncate_body(after \(after) B)"
        case let .httpAbortMidChunk(after): "http_abort_mid_chunk(after \(after) B)"
        case let .httpCloseBetweenChunks(after): "http_close_between_chunks(after \(after) B)"
        }
    }
}

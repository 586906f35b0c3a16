import ChaosNet

/// Reads a fault's kind and its parameters, which sit flat in the fault's mapping (`kind: latency`, `base: 20ms`).
enum FaultKindDecoder {
    /// Each kind's name, as `FaultKind.name` spells it, and the parameter keys it takes, in documentation order.
    static let kinds: [(name: String, parameters: [String])] = [
        ("latency", ["base", "jitter"]),
        ("bandwidth", ["rate"]),
        ("slicer", ["average_size", "size_variation", "delay"]),
        ("limit_data", ["bytes"]),
        ("reset_peer", ["after"]),
        ("timeout", ["close_after"]),
        ("slow_close", ["delay"]),
        ("down", []),
        ("partition", []),
        ("clog", []),
        ("hold", []),
        ("http_status", ["code", "retry_after"]),
        ("http_slow_headers", ["delay"]),
        ("http_stall_body", ["after", "duration"]),
        ("http_truncate_body", ["after"]),
        ("http_abort_mid_chunk", ["after"]),
        ("http_close_between_chunks", ["after"]),
    ]
    static let kindNames = kinds.map(\.name)
    static let allParameterNames = Set(kinds.flatMap(\.parameters))

    static func parameters(of kindName: String) -> [String]? {
        kinds.first { $0.name == kindName }?.parameters
    }

    /// `parameters` is the fault's mapping, whose keys have already been checked against the kind.
    static func decode(_ kindName: String, parameters: LocatedMapping) throws(ScenarioFileError) -> FaultKind {
        let p = parameters
        switch kindName {
        case "latency":
            return .latency(base: try p.required("base").duration(), jitter: try p.value("jitter")?.duration() ?? .zero)
        case "bandwidth":
            return .bandwidth(bytesPerSecond: try p.required("rate").byteRate())
        case "slicer":
            return .slicer(
                averageSize: try p.required("average_size").byteSize(in: 1...Int(Int32.max)),
                sizeVariation: try p.value("size_variation")?.byteSize(in: 0...Int(Int32.max)) ?? 0,
                delay: try p.value("delay")?.duration() ?? .zero)
        case "limit_data":
            return .limitData(bytes: try p.required("bytes").byteSize())
        case "reset_peer":
            return .resetPeer(after: try p.value("after")?.duration() ?? .zero)
        case "timeout":
            return .timeout(closeAfter: try p.value("close_after")?.duration())
        case "slow_close":
            return .slowClose(delay: try p.required("delay").duration())
        case "down": return .down
        case "partition": return .partition
        case "clog": return .clog
        case "hold": return .hold
        case "http_status":
            return .httpStatus(
                code: try p.required("code").integer(in: 100...599), retryAfter: try p.value("retry_after")?.duration())
        case "http_slow_headers":
            return .httpSlowHeaders(delay: try p.required("delay").duration())
        case "http_stall_body":
            return .httpStallBody(
                afterBytes: try p.required("after").byteSize(), duration: try p.value("duration")?.duration())
        case "http_truncate_body":
            return .httpTruncateBody(afterBytes: try p.required("after").byteSize())
        case "http_abort_mid_chunk":
            return .httpAbortMidChunk(afterBytes: try p.required("after").byteSize())
        default:
            return .httpCloseBetweenChunks(afterBytes: try p.required("after").byteSize())
        }
    }
}

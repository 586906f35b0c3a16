import ChaosNet

/// Reads a fault's kind and its parameters, which sit flat in the fault's mapping (`kind: latency`, `base: 20ms`).
///
/// One entry per kind: its name, its parameter keys and its decoder together, so that a kind can only be decoded by
/// its own entry (there is no fallback case that could read an unlisted kind as another one), and a test checks that
/// every entry decodes to a kind of its own name.
enum FaultKindDecoder {
    struct Entry: Sendable {
        var name: String
        /// The parameter keys, in documentation order.
        var parameters: [String]
        /// Reads the kind from the fault's mapping, whose keys have already been checked against `parameters`.
        var decode: @Sendable (LocatedMapping) throws(ScenarioFileError) -> FaultKind
    }

    static let entries: [Entry] = [
        Entry(name: "latency", parameters: ["base", "jitter"]) { p throws(ScenarioFileError) in
            .latency(base: try p.required("base").duration(), jitter: try p.value("jitter")?.duration() ?? .zero)
        },
        Entry(name: "bandwidth", parameters: ["rate"]) { p throws(ScenarioFileError) in
            .bandwidth(bytesPerSecond: try p.required("rate").byteRate())
        },
        Entry(name: "slicer", parameters: ["average_size", "size_variation", "delay"]) { p throws(ScenarioFileError) in
            .slicer(
                averageSize: try p.required("average_size").byteSize(in: 1...Int(Int32.max)),
                sizeVariation: try p.value("size_variation")?.byteSize(in: 0...Int(Int32.max)) ?? 0,
                delay: try p.value("delay")?.duration() ?? .zero)
        },
        Entry(name: "limit_data", parameters: ["bytes"]) { p throws(ScenarioFileError) in
            .limitData(bytes: try p.required("bytes").byteSize())
        },
        Entry(name: "reset_peer", parameters: ["after"]) { p throws(ScenarioFileError) in
            .resetPeer(after: try p.value("after")?.duration() ?? .zero)
        },
        Entry(name: "timeout", parameters: ["close_after"]) { p throws(ScenarioFileError) in
            .timeout(closeAfter: try p.value("close_after")?.duration())
        },
        Entry(name: "slow_close", parameters: ["delay"]) { p throws(ScenarioFileError) in
            .slowClose(delay: try p.required("delay").duration())
        },
        Entry(name: "down", parameters: []) { _ throws(ScenarioFileError) in .down },
        Entry(name: "partition", parameters: []) { _ throws(ScenarioFileError) in .partition },
        Entry(name: "clog", parameters: []) { _ throws(ScenarioFileError) in .clog },
        Entry(name: "hold", parameters: []) { _ throws(ScenarioFileError) in .hold },
        Entry(name: "http_status", parameters: ["code", "retry_after"]) { p throws(ScenarioFileError) in
            .httpStatus(
                code: try p.required("code").integer(in: 100...599), retryAfter: try p.value("retry_after")?.duration())
        },
        Entry(name: "http_slow_headers", parameters: ["delay"]) { p throws(ScenarioFileError) in
            .httpSlowHeaders(delay: try p.required("delay").duration())
        },
        Entry(name: "http_stall_body", parameters: ["after", "duration"]) { p throws(ScenarioFileError) in
            .httpStallBody(afterBytes: try p.required("after").byteSize(), duration: try p.value("duration")?.duration())
        },
        Entry(name: "http_truncate_body", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpTruncateBody(afterBytes: try p.required("after").byteSize())
        },
        Entry(name: "http_abort_mid_chunk", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpAbortMidChunk(afterBytes: try p.required("after").byteSize())
        },
        Entry(name: "http_close_between_chunks", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpCloseBetweenChunks(afterBytes: try p.required("after").byteSize())
        },
    ]
    static let kindNames = entries.map(\.name)
    static let allParameterNames = Set(entries.flatMap(\.parameters))

    static func entry(named kindName: String) -> Entry? {
        entries.first { $0.name == kindName }
    }

    static func parameters(of kindName: String) -> [String]? {
        entry(named: kindName)?.parameters
    }
}

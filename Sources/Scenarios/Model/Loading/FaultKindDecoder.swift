import ChaosNet
import Yams

/// Reads a fault's kind and its parameters, which sit flat in the fault's mapping (`kind: latency`, `base: 20ms`).
///
/// One entry per kind: its name, its parameter keys and its decoder together, so that a kind can only be decoded by
/// its own entry (there is no fallback case that could read an unlisted kind as another one), and a test checks that
/// every entry decodes to a kind of its own name. The entry also writes its kind back (`ScenarioFileWriter`), so that
/// what a parameter is called and how it is read and written stay in one place.
enum FaultKindDecoder {
    struct Entry: Sendable {
        var name: String
        /// The parameter keys, in documentation order.
        var parameters: [String]
        /// Reads the kind from the fault's mapping, whose keys have already been checked against `parameters`.
        var decode: @Sendable (LocatedMapping) throws(ScenarioFileError) -> FaultKind
        /// The parameters of a kind of this entry, in `parameters` order, a nil value for one at its default; nil for
        /// a kind of another entry.
        var encode: @Sendable (FaultKind) -> [(String, Node?)]?
    }

    static let entries: [Entry] = [
        Entry(name: "latency", parameters: ["base", "jitter"]) { p throws(ScenarioFileError) in
            .latency(base: try p.required("base").duration(), jitter: try p.value("jitter")?.duration() ?? .zero)
        } encode: { kind in
            guard case let .latency(base, jitter) = kind else { return nil }
            return [("base", .duration(base)), ("jitter", jitter == .zero ? nil : .duration(jitter))]
        },
        Entry(name: "bandwidth", parameters: ["rate"]) { p throws(ScenarioFileError) in
            .bandwidth(bytesPerSecond: try p.required("rate").byteRate())
        } encode: { kind in
            guard case let .bandwidth(rate) = kind else { return nil }
            return [("rate", .rate(rate))]
        },
        Entry(name: "slicer", parameters: ["average_size", "size_variation", "delay"]) { p throws(ScenarioFileError) in
            .slicer(
                averageSize: try p.required("average_size").byteSize(in: 1...Int(Int32.max)),
                sizeVariation: try p.value("size_variation")?.byteSize(in: 0...Int(Int32.max)) ?? 0,
                delay: try p.value("delay")?.duration() ?? .zero)
        } encode: { kind in
            guard case let .slicer(size, variation, delay) = kind else { return nil }
            return [
                ("average_size", .size(size)), ("size_variation", variation == 0 ? nil : .size(variation)),
                ("delay", delay == .zero ? nil : .duration(delay)),
            ]
        },
        Entry(name: "limit_data", parameters: ["bytes"]) { p throws(ScenarioFileError) in
            .limitData(bytes: try p.required("bytes").byteSize())
        } encode: { kind in
            guard case let .limitData(bytes) = kind else { return nil }
            return [("bytes", .size(bytes))]
        },
        Entry(name: "reset_peer", parameters: ["after"]) { p throws(ScenarioFileError) in
            .resetPeer(after: try p.value("after")?.duration() ?? .zero)
        } encode: { kind in
            guard case let .resetPeer(after) = kind else { return nil }
            return [("after", after == .zero ? nil : .duration(after))]
        },
        Entry(name: "timeout", parameters: ["close_after"]) { p throws(ScenarioFileError) in
            .timeout(closeAfter: try p.value("close_after")?.duration())
        } encode: { kind in
            guard case let .timeout(closeAfter) = kind else { return nil }
            return [("close_after", closeAfter.map(Node.duration))]
        },
        Entry(name: "slow_close", parameters: ["delay"]) { p throws(ScenarioFileError) in
            .slowClose(delay: try p.required("delay").duration())
        } encode: { kind in
            guard case let .slowClose(delay) = kind else { return nil }
            return [("delay", .duration(delay))]
        },
        Entry(name: "down", parameters: []) { _ throws(ScenarioFileError) in .down } encode: { kind in
            kind == .down ? [] : nil
        },
        Entry(name: "partition", parameters: []) { _ throws(ScenarioFileError) in .partition } encode: { kind in
            kind == .partition ? [] : nil
        },
        Entry(name: "clog", parameters: []) { _ throws(ScenarioFileError) in .clog } encode: { kind in
            kind == .clog ? [] : nil
        },
        Entry(name: "hold", parameters: []) { _ throws(ScenarioFileError) in .hold } encode: { kind in
            kind == .hold ? [] : nil
        },
        Entry(name: "http_status", parameters: ["code", "retry_after"]) { p throws(ScenarioFileError) in
            .httpStatus(
                code: try p.required("code").integer(in: 100...599), retryAfter: try p.value("retry_after")?.duration())
        } encode: { kind in
            guard case let .httpStatus(code, retryAfter) = kind else { return nil }
            return [("code", .integer(code)), ("retry_after", retryAfter.map(Node.duration))]
        },
        Entry(name: "http_slow_headers", parameters: ["delay"]) { p throws(ScenarioFileError) in
            .httpSlowHeaders(delay: try p.required("delay").duration())
        } encode: { kind in
            guard case let .httpSlowHeaders(delay) = kind else { return nil }
            return [("delay", .duration(delay))]
        },
        Entry(name: "http_stall_body", parameters: ["after", "duration"]) { p throws(ScenarioFileError) in
            .httpStallBody(afterBytes: try p.required("after").byteSize(), duration: try p.value("duration")?.duration())
        } encode: { kind in
            guard case let .httpStallBody(after, duration) = kind else { return nil }
            return [("after", .size(after)), ("duration", duration.map(Node.duration))]
        },
        Entry(name: "http_truncate_body", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpTruncateBody(afterBytes: try p.required("after").byteSize())
        } encode: { kind in
            guard case let .httpTruncateBody(after) = kind else { return nil }
            return [("after", .size(after))]
        },
        Entry(name: "http_abort_mid_chunk", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpAbortMidChunk(afterBytes: try p.required("after").byteSize())
        } encode: { kind in
            guard case let .httpAbortMidChunk(after) = kind else { return nil }
            return [("after", .size(after))]
        },
        Entry(name: "http_close_between_chunks", parameters: ["after"]) { p throws(ScenarioFileError) in
            .httpCloseBetweenChunks(afterBytes: try p.required("after").byteSize())
        } encode: { kind in
            guard case let .httpCloseBetweenChunks(after) = kind else { return nil }
            return [("after", .size(after))]
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

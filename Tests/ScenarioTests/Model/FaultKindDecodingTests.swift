import ChaosNet
import Scenarios
import Testing

/// Every fault kind a scenario file can name decodes to a kind of that name, and no other: there is no fallback case
/// that reads one kind as another.
@Suite("Fault kinds")
struct FaultKindDecodingTests {
    /// Each network and HTTP kind with its required parameters.
    static let kinds: [(name: String, parameters: String)] = [
        ("latency", "base: 1ms"), ("bandwidth", "rate: 1MiB/s"), ("slicer", "average_size: 1KiB"),
        ("limit_data", "bytes: 1KiB"), ("reset_peer", ""), ("timeout", ""), ("slow_close", "delay: 1s"),
        ("down", ""), ("partition", ""), ("clog", ""), ("hold", ""), ("http_status", "code: 503"),
        ("http_slow_headers", "delay: 1s"), ("http_stall_body", "after: 1KiB"), ("http_truncate_body", "after: 1KiB"),
        ("http_abort_mid_chunk", "after: 1KiB"), ("http_close_between_chunks", "after: 1KiB"),
    ]

    @Test("each network and HTTP kind decodes to itself", arguments: kinds.map(\.name))
    func networkKind(name: String) throws {
        let parameters = try #require(Self.kinds.first { $0.name == name }).parameters
        let text = ScenarioFileExamples.minimal + """

            faults:
              - {name: f, kind: \(name), target: {host: registry}\(parameters.isEmpty ? "" : ", " + parameters)}
            """
        let file = try ScenarioLoader.parse(text, path: "kinds.yaml")
        #expect(file.faults.first?.kind.name == name)
    }

    @Test("each file-system kind decodes to itself", arguments: ["crash", "disk_full", "slow_metadata"])
    func fileSystemKind(name: String) throws {
        let capacity = name == "disk_full" ? ", capacity: 1MiB" : ""
        let text = ScenarioFileExamples.minimal + "\nfile_system_faults:\n  - {name: f, kind: \(name)\(capacity)}"
        let file = try ScenarioLoader.parse(text, path: "kinds.yaml")
        #expect(file.fileSystemFaults.first?.kind.name == name)
    }
}

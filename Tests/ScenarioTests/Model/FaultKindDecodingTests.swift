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

    /// Each file-system kind with its required parameters.
    static let fileSystemKinds: [(name: String, parameters: String)] = [
        ("crash", ""), ("disk_full", ", capacity: 1MiB"), ("slow_metadata", ""),
        ("operation_error", ", operations: [write], error: eio"),
    ]

    @Test("each file-system kind decodes to itself", arguments: fileSystemKinds.map(\.name))
    func fileSystemKind(name: String) throws {
        let parameters = try #require(Self.fileSystemKinds.first { $0.name == name }).parameters
        let text = ScenarioFileExamples.minimal + "\nfile_system_faults:\n  - {name: f, kind: \(name)\(parameters)}"
        let file = try ScenarioLoader.parse(text, path: "kinds.yaml")
        #expect(file.fileSystemFaults.first?.kind.name == name)
    }

    @Test("operation_error reads its operations, path, errno, skip, count and toxicity")
    func operationError() throws {
        let text = ScenarioFileExamples.minimal + """

            file_system_faults:
              - name: lost-renames
                kind: operation_error
                operations: [rename, sync_directory]
                path: /var/queue
                error: enospc
                skip: 2
                count: 1
                toxicity: 50%
              - {name: everything, kind: operation_error, operations: all, error: erofs}
            """
        let file = try ScenarioLoader.parse(text, path: "errors.yaml")
        #expect(file.fileSystemFaults == [
            FileSystemFault(
                name: "lost-renames",
                kind: .operationError(.init([.rename, .syncDirectory], pathPrefix: "/var/queue", error: .noSpace,
                                            skipCount: 2, fireCountMax: 1)),
                toxicity: 0.5),
            FileSystemFault(
                name: "everything",
                kind: .operationError(.init(Set(SimFileSystem.OperationKind.allCases), error: .readOnlyFileSystem))),
        ])
    }

    @Test("file-system faults refuse what they cannot mean, at the offending node", arguments: [
        ("{name: f, kind: disk_full, capacity: 1MiB, toxicity: 50%}",
         "'disk_full' acts on the whole machine and takes no toxicity"),
        ("{name: f, kind: operation_error, operations: [rname], error: eio}",
         "unknown operation 'rname'; did you mean 'rename'?"),
        ("{name: f, kind: operation_error, operations: [write], error: eperm}",
         "unknown error 'eperm'"),
        ("{name: f, kind: operation_error, operations: [write], error: eio, path: data}",
         "'path' must be an absolute, normalised path, got 'data'"),
        ("{name: f, kind: crash, capacity: 1MiB}",
         "'capacity' is only a parameter of file system fault kind 'disk_full'"),
    ])
    func fileSystemFaultErrors(entry: String, expected: String) throws {
        let text = ScenarioFileExamples.minimal + "\nfile_system_faults:\n  - \(entry)"
        #expect(throws: ScenarioFileError.self) { try ScenarioLoader.parse(text, path: "errors.yaml") }
        do {
            _ = try ScenarioLoader.parse(text, path: "errors.yaml")
        } catch {
            // The entry is on line 5, after the three lines of the minimal file and the list's key.
            #expect(error.description.hasPrefix("errors.yaml:5:"), "\(error.description)")
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}

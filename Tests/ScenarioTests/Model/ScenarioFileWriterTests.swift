import ChaosNet
import Foundation
import Scenarios
import Testing

/// `ScenarioFileWriter`: what it writes loads back as the scenario it was given.
@Suite("Scenario file writer")
struct ScenarioFileWriterTests {
    static let shipped = ["ipfs-download-timeout", "service-create-cleanup", "download-queue-retry"]

    /// Every file operation and error the file format has, and a crash fault, which needs the download queue.
    static let fileSystemFaults = """
        name: disk-trouble
        description: "Every file-system fault: yes, all of them."
        file_system_faults:
          - {name: full-at-rename, kind: operation_error, operations: [rename, sync_directory], path: /var/queue,
             error: enospc, skip: 2, count: 1, toxicity: 12.5%}
          - {name: everything, kind: operation_error, operations: all, error: eio}
          - {name: "null", kind: operation_error, operations: [write], error: erofs, path: /srv}
          - {name: power, kind: crash, activity: {windows: [{start: 1.5s, end: 2s}, {start: 3m, end: 1h}]}}
          - {name: slow, kind: slow_metadata, toxicity: 0.001}
        workload: {component: download-queue}
        """

    static func shippedText(_ name: String) throws -> String {
        let path = ChaosRunBinary.packageRoot.appendingPathComponent("scenarios/\(name).yaml").path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("a shipped scenario, written and loaded again, is the same scenario", arguments: shipped)
    func shippedScenarioRoundTrips(name: String) throws {
        let text = try Self.shippedText(name)
        let scenario = try ScenarioLoader.parse(text, path: "\(name).yaml")
        let written = try ScenarioFileWriter().text(of: scenario, source: text)
        #expect(try ScenarioLoader.parse(written, path: "written.yaml") == scenario, "\(written)")
    }

    @Test("files that set every key, or the fewest, round-trip", arguments: [
        ("full", ScenarioFileExamples.full), ("minimal", ScenarioFileExamples.minimal),
        ("queue", ScenarioFileExamples.queueWorkload), ("file-system faults", fileSystemFaults),
    ])
    func examplesRoundTrip(name: String, text: String) throws {
        let scenario = try ScenarioLoader.parse(text, path: "\(name).yaml")
        let written = try ScenarioFileWriter().text(of: scenario, source: text)
        #expect(try ScenarioLoader.parse(written, path: "written.yaml") == scenario, "\(written)")
    }

    @Test("values come out in the file format's units, defaults left out, header lines as comments")
    func writtenText() throws {
        let text = try Self.shippedText("service-create-cleanup")
        var scenario = try ScenarioLoader.parse(text, path: "service-create-cleanup.yaml")
        scenario.seedCount = 100
        scenario.faults = [Fault(
            name: "resets", kind: .resetPeer(after: .milliseconds(80)), target: .service(host: "registry", port: 5001),
            toxicity: 0.4, activity: .windows([FaultWindow(start: .nanoseconds(12_345_678_901), end: .seconds(20))]))]
        let written = try ScenarioFileWriter().text(
            of: scenario, header: ["Shrunk from service-create-cleanup.yaml.", "", "Seed 7."], source: text)
        #expect(written.hasPrefix("""
            # Shrunk from service-create-cleanup.yaml.
            #
            # Seed 7.
            name: service-create-cleanup

            """), "\(written)")
        #expect(!written.contains("seeds:"))
        #expect(written.contains("""
            faults:
            - name: resets
              kind: reset_peer
              after: 80ms
              target: {service: "registry:5001"}
              toxicity: 40%
              activity: {windows: [{start: 12.345678901s, end: 20s}]}
            """))
        // The component's keys as the source has them, a small mapping of scalars on one line.
        let downloader = "  downloader: {naive_read_timeout: 30s, attempts: 3, backoff_base: 2s, backoff_cap: 8s, "
            + "read_timeout: 10s}"
        #expect(written.contains(downloader))
        #expect(written.contains("""
            file_system_faults:
            - name: disk-full
              kind: disk_full
              capacity: 1MiB
              activity: {episodes: {mean_gap: 2m, mean_duration: 20s}}
            """))
    }

    @Test("a configuration without the text it came from is refused, the driver's default is not")
    func configurationNeedsItsSource() throws {
        let text = try Self.shippedText("service-create-cleanup")
        let scenario = try ScenarioLoader.parse(text, path: "service-create-cleanup.yaml")
        #expect(throws: ScenarioWriteError.self) { try ScenarioFileWriter().text(of: scenario) }
        let minimal = try ScenarioLoader.parse(ScenarioFileExamples.minimal, path: "minimal.yaml")
        #expect(try ScenarioFileWriter().text(of: minimal)
            == "name: minimal\ndescription: Only the required keys.\nworkload:\n  component: download-queue\n  "
            + "variants: [naive, robust]\n")
    }

    @Test("sizes, rates and probabilities format as the loader reads them", arguments: [
        0, 1, 1000, 1024, 12_800, 204_800, 1 << 20, 3_000_000, 5 << 30, 1_234_567,
    ])
    func sizesRoundTrip(bytes: Int) {
        #expect(ByteSizeText.parse(ByteSizeText.format(bytes)) == bytes, "\(ByteSizeText.format(bytes))")
        #expect(ByteRateText.parse(ByteRateText.format(max(bytes, 1))) == max(bytes, 1))
    }

    @Test("probabilities are written as the shortest percentage that reads back exactly")
    func probabilities() {
        #expect(ProbabilityText.format(0.4) == "40%")
        #expect(ProbabilityText.format(0.3) == "30%")
        #expect(ProbabilityText.format(0.001) == "0.1%")
        #expect(ProbabilityText.format(1) == "100%")
        #expect(ProbabilityText.format(0) == "0%")
        for value in [0.125, 1.0 / 3, 0.000_012_3, 0.999_999_9, 5e-12] {
            #expect(ProbabilityText.parse(ProbabilityText.format(value)) == value, "\(ProbabilityText.format(value))")
        }
    }
}

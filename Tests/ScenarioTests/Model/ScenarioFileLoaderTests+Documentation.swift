import Foundation
import ChaosComponents
import Scenarios
import Testing

extension ScenarioFileLoaderTests {
    /// `scenarios/README.md`, found from this file's path so the test runs from any directory.
    static var formatDocumentationPath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("scenarios/README.md").path
    }

    @Test("the example in scenarios/README.md loads, so the documentation cannot drift from the loader")
    func documentedExampleLoads() throws {
        let readme = try String(contentsOfFile: Self.formatDocumentationPath, encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let file = try ScenarioLoader.parse(example, path: "scenarios/README.md")
        #expect(file.name == "ipfs-download-timeout")
        #expect(file.seedCount == 1000)
        #expect(file.faults.map(\.name) == ["registry-load", "slow-registry"])
        #expect(file.faults.first?.kind == .timeout(closeAfter: .seconds(45)))
        #expect(file.topology.registry?.packages.first?.byteCount == 4 << 20)
        #expect(file.expectation(for: .naive)?.minFailureRate == 0.05)
        #expect(file.rerun == RerunSpec())
        #expect(file.workload.configuration(as: PackageWorkloadConfiguration.self)?.downloader == DownloaderConfig())
    }
}

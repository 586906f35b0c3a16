import ChaosTesting
import Foundation
import Scenarios
import Testing
import Triage
import UploaderScenarios

/// The uploader under the scenario file's faults, swept in this process as `uploader-chaos run` sweeps it on worker
/// processes. A failing seed prints its seed, signature and the command that replays it.
@Suite("Uploader sweeps")
struct UploaderSweepTests {
    static let drivers = DriverRegistry.builtIn.adding(UploaderDriver())
    /// The scenario file, found from this source file so that `swift test` works from any directory.
    static let scenarioPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scenarios/uploads.yaml").standardizedFileURL.path

    static func runner() throws -> ScenarioRunner {
        try ScenarioRunner(path: scenarioPath, drivers: drivers, replay: .command("swift run uploader-chaos"))
    }

    @Test("the robust uploader never leaves the index naming an object the store lacks")
    func robustNeverDamages() throws {
        let sweep = try Self.runner().sweep(variant: .robust, seeds: 1..<201)
        expectNoDamage(sweep)
        expectScenarioExpectation(sweep)
    }

    @Test("the naive uploader leaves phantom index entries, as often as the scenario expects")
    func naiveDamages() throws {
        let sweep = try Self.runner().sweep(variant: .naive, seeds: 1..<201)
        expectScenarioExpectation(sweep)
        let report = ScenarioReport(sweep)
        #expect(report.verdict == .damaging)
        #expect(report.signatures.contains { $0.id.hasSuffix(":no_phantom_index_entries") }, "\(report.signatures)")
    }

    @Test("seeds as arguments: each robust seed does no damage, and the same seed replays the same digest",
          arguments: 1...20 as ClosedRange<UInt64>)
    func robustSeed(seed: UInt64) throws {
        let runner = try Self.runner()
        let run = runner.run(seed: seed, variant: .robust)
        expectNoDamage(run)
        #expect(runner.run(seed: seed, variant: .robust).record.digest == run.record.digest, "seed \(seed)")
    }
}

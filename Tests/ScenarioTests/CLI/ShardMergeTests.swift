import Foundation
import Testing

/// `run --shard K/N` and `merge`, as a user runs them: the shards add up to a single run, and shards that do not make
/// one sweep are refused with the reason.
@Suite("chaos-run shards and merge", .serialized)
struct ShardMergeTests {
    /// Runs the three shards of the small scenario into DIR/shards/K, with `extra` options for shard `odd`.
    static func shards(
        _ files: ScenarioFixtureFiles, scenario: String, count: Int = 3, odd: Int? = nil, extra: [String] = []
    ) throws {
        for index in 1...count {
            let options = index == odd ? extra : []
            let run = try ChaosRunBinary.run(
                ["run", scenario, "--shard", "\(index)/\(count)", "--report", files.path("shards/\(index)"), "--quiet",
                 "--jobs", String(index % 2 + 1)] + options)
            #expect(run.status == 0, "shard \(index): \(run.standardError)")
        }
    }

    static func merge(_ inputs: [String], report: String? = nil) throws -> ChaosRunBinary.Output {
        try ChaosRunBinary.run(["merge"] + inputs + (report.map { ["--report", $0] } ?? []))
    }

    @Test("three shards merged give one run's report.json, report.md and report.html; junit.xml differs in times only")
    func mergedEqualsSingle() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write(
            "small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 40, rerunTarget: "20%"))
        try Self.shards(files, scenario: scenario)
        let partial = try String(contentsOfFile: files.path("shards/2/shard-2-of-3.json"), encoding: .utf8)
        #expect(partial.contains("\"kind\":\"chaos-run-shard\""))
        let merged = try Self.merge([files.path("shards")], report: files.path("merged"))
        #expect(merged.status == 0, "\(merged.standardError)")
        let single = try ChaosRunBinary.run(["run", scenario, "--report", files.path("single"), "--quiet"])
        #expect(single.status == 0)
        func text(_ directory: String, _ name: String) throws -> String {
            try String(contentsOfFile: files.path("\(directory)/\(name)"), encoding: .utf8)
        }
        func withoutWall(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") }.joined(separator: "\n")
        }
        #expect(withoutWall(try text("merged", "report.json")) == withoutWall(try text("single", "report.json")))
        #expect(try text("merged", "report.json").contains("\"policy_validation\" : {"), "the held-out seeds merge too")
        #expect(try text("merged", "report.md") == text("single", "report.md"))
        #expect(try text("merged", "report.html") == text("single", "report.html"))
        func withoutTimes(_ text: String) -> String {
            text.replacingOccurrences(of: #" time="[0-9.]+""#, with: "", options: .regularExpression)
        }
        #expect(withoutTimes(try text("merged", "junit.xml")) == withoutTimes(try text("single", "junit.xml")))
        // The console says the same as one run's, after the line that says what was merged.
        #expect(merged.standardOutput.hasPrefix("Merged 3 shard(s) of \(scenario).\n"))
        let summary = merged.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .joined(separator: "\n")
        #expect(summary == single.standardOutput.replacingOccurrences(
            of: files.path("single"), with: files.path("merged")))
    }

    @Test("a missing shard, a doubled one, another seed range, a changed file: refused with exit 2 and the reason")
    func refusals() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 12))
        try Self.shards(files, scenario: scenario, odd: 2, extra: ["--seeds", "9"])
        let one = files.path("shards/1/shard-1-of-3.json")
        let two = files.path("shards/2/shard-2-of-3.json")
        let three = files.path("shards/3/shard-3-of-3.json")
        let otherRange = try Self.merge([one, two, three])
        #expect(otherRange.status == 2)
        #expect(otherRange.standardError.contains("\(two): swept seeds from each file's first seed, 9 per variant, "
            + "but \(one) has from each file's first seed, each file's own count: shards of different sweeps"),
            "\(otherRange.standardError)")
        let missing = try Self.merge([one, three])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("missing shard(s) 2/3: a merge needs all 3"), "\(missing.standardError)")
        let doubled = try Self.merge([one, one, three])
        #expect(doubled.status == 2)
        #expect(doubled.standardError.contains("shard 1/3 is given twice: \(one) and \(one)"))
        try FileManager.default.removeItem(atPath: files.path("shards/2"))
        let redo = try ChaosRunBinary.run(
            ["run", scenario, "--shard", "2/3", "--report", files.path("shards/2"), "--quiet"])
        #expect(redo.status == 0)
        #expect(try Self.merge([files.path("shards")]).status == 0)
        _ = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 13))
        let changed = try Self.merge([files.path("shards")])
        #expect(changed.status == 2)
        #expect(changed.standardError.contains("\(scenario): changed since the shards ran"), "\(changed.standardError)")
        let notAReport = try files.write("shard-9-of-9.json", #"{"kind": "something else"}"#)
        let garbage = try Self.merge([notAReport])
        #expect(garbage.status == 2)
        #expect(garbage.standardError.contains("\(notAReport): not a chaos-run partial report: "))
    }

    @Test("--shard needs --report and a K/N in range; --shard ci reads CI_NODE_INDEX and CI_NODE_TOTAL")
    func shardOption() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 6))
        let noReport = try ChaosRunBinary.run(["run", scenario, "--shard", "1/2"])
        #expect(noReport.status == 2)
        #expect(noReport.standardError.contains("--shard needs --report DIR"))
        let outOfRange = try ChaosRunBinary.run(["run", scenario, "--shard", "3/2", "--report", files.path("r")])
        #expect(outOfRange.status == 2)
        #expect(outOfRange.standardError.contains("--shard: the shard index must be between 1 and 2, got 3"))
        let notSet = try ChaosRunBinary.run(
            ["run", scenario, "--shard", "ci", "--report", files.path("r")], environment: ["CI_NODE_INDEX": "1"])
        #expect(notSet.status == 2)
        #expect(notSet.standardError.contains("which are not both set"))
        let fromCI = try ChaosRunBinary.run(
            ["run", scenario, "--shard", "ci", "--report", files.path("r"), "--quiet"],
            environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"])
        #expect(fromCI.status == 0, "\(fromCI.standardError)")
        #expect(fromCI.standardOutput.contains("shard 2/2:"))
        #expect(FileManager.default.fileExists(atPath: files.path("r/shard-2-of-2.json")))
    }
}

import Foundation
import Testing
import Yams

/// The CI examples in ci/examples, exercised the way their runners would: each shard job's `chaos-run` line with the
/// matrix value (GitHub) or the variables of `parallel:` (GitLab) in a shell, the artifacts laid out as the merge job
/// downloads them, then the merge job's line — and the merged report compared with one run's. The lines that build
/// chaos-run are not run (the test uses the built binary), and the scenario is a small one in place of the shipped
/// scenario the examples name, so that the test takes seconds.
@Suite("CI examples", .serialized)
struct CIExampleTests {
    static let shippedScenario = "scenarios/service-create-cleanup.yaml"
    static let releaseBinary = ".build/release/chaos-run"

    static func example(_ name: String) throws -> [String: Any] {
        let url = ChaosRunBinary.packageRoot.appendingPathComponent("ci/examples/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// A line of the example as this machine runs it: the built binary, the small scenario.
    static func local(_ line: String) -> String {
        line.replacingOccurrences(of: releaseBinary, with: ChaosRunBinary.url.path)
            .replacingOccurrences(of: shippedScenario, with: "small.yaml")
    }

    /// A fresh checkout-like directory holding the small scenario as `small.yaml`.
    static func checkout(in files: ScenarioFixtureFiles, _ name: String) throws -> URL {
        let directory = files.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ScenarioFixtureFiles.smallDownload(seeds: 40, rerunTarget: "20%")
            .write(to: directory.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// report.json of one unsharded run of the small scenario, without its wall times, and its report.md.
    static func singleRun(in files: ScenarioFixtureFiles) throws -> (json: String, markdown: String) {
        let directory = try checkout(in: files, "single")
        let run = try ShellCommand.run(
            local("\(releaseBinary) run \(shippedScenario) --report report --quiet"), in: directory)
        #expect(run.status == 0, "\(run.output)")
        return try reports(in: directory.appendingPathComponent("report"))
    }

    static func reports(in directory: URL) throws -> (json: String, markdown: String) {
        let json = try String(contentsOf: directory.appendingPathComponent("report.json"), encoding: .utf8)
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let withoutWall = json.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") }
        return (withoutWall.joined(separator: "\n"), markdown)
    }

    static func line(containing text: String, in steps: [[String: Any]]) throws -> String {
        try #require(steps.compactMap { $0["run"] as? String }.first { $0.contains(text) }, "a step runs \(text)")
    }

    @Test("github-actions.yml: the matrix's shard jobs, the artifacts downloaded, the merge job: one run's report")
    func githubActions() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let workflow = try Self.example("github-actions.yml")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let shardJob = try #require(jobs["shard"] as? [String: Any])
        let matrix = try #require((shardJob["strategy"] as? [String: Any])?["matrix"] as? [String: Any])
        let shards = try #require(matrix["shard"] as? [Int])
        #expect(shards == [1, 2, 3])
        let shardSteps = try #require(shardJob["steps"] as? [[String: Any]])
        let sweep = try Self.line(containing: "chaos-run run", in: shardSteps)
        #expect(sweep.contains("--shard ${{ matrix.shard }}/\(shards.count)"), "the N of K/N is the matrix's size")
        let upload = try #require(shardSteps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload") == true })
        let uploadWith = try #require(upload["with"] as? [String: Any])
        let artifactName = try #require(uploadWith["name"] as? String)
        let artifactPath = try #require(uploadWith["path"] as? String)
        let mergeJob = try #require(jobs["merge"] as? [String: Any])
        #expect(mergeJob["needs"] as? String == "shard")
        let mergeSteps = try #require(mergeJob["steps"] as? [[String: Any]])
        let download = try #require(mergeSteps.first {
            ($0["uses"] as? String)?.hasPrefix("actions/download-artifact") == true
        }?["with"] as? [String: Any])
        let downloadPath = try #require(download["path"] as? String)
        let merge = try Self.line(containing: "chaos-run merge", in: mergeSteps)
        let post = try #require(mergeSteps.first { ($0["uses"] as? String)?.contains("comment") == true })
        let posted = try #require((post["with"] as? [String: Any])?["path"] as? String)

        let mergeDirectory = try Self.checkout(in: files, "merge")
        for shard in shards {
            func substituted(_ text: String) -> String {
                text.replacingOccurrences(of: "${{ matrix.shard }}", with: String(shard))
            }
            let job = try Self.checkout(in: files, "shard-job-\(shard)")
            let run = try ShellCommand.run(Self.local(substituted(sweep)) + " --quiet", in: job)
            #expect(run.status == 0, "shard \(shard): \(run.output)")
            // download-artifact with a pattern puts each artifact in a directory of its name under `path`.
            let artifact = mergeDirectory.appendingPathComponent(downloadPath)
                .appendingPathComponent(substituted(artifactName))
            try FileManager.default.createDirectory(
                at: artifact.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: job.appendingPathComponent(substituted(artifactPath)), to: artifact)
        }
        let merged = try ShellCommand.run(Self.local(merge), in: mergeDirectory)
        #expect(merged.status == 0, "\(merged.output)")
        #expect(merged.output.contains("Merged 3 shard(s) of small.yaml."))
        let single = try Self.singleRun(in: files)
        let fromShards = try Self.reports(in: mergeDirectory.appendingPathComponent("report"))
        #expect(fromShards.json == single.json)
        #expect(fromShards.markdown == single.markdown)
        #expect(FileManager.default.fileExists(atPath: mergeDirectory.appendingPathComponent(posted).path))
    }

    @Test("gitlab-ci.yml: parallel: 3 with CI_NODE_INDEX/CI_NODE_TOTAL, the artifacts, the merge job: one run's report")
    func gitlab() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let pipeline = try Self.example("gitlab-ci.yml")
        let shardJob = try #require(pipeline["chaos-shard"] as? [String: Any])
        let parallel = try #require(shardJob["parallel"] as? Int)
        #expect(parallel == 3)
        let sweep = try #require((shardJob["script"] as? [String])?.first { $0.contains("chaos-run run") })
        #expect(sweep.contains("--shard ci"))
        let artifacts = try #require((shardJob["artifacts"] as? [String: Any])?["paths"] as? [String])
        let mergeJob = try #require(pipeline["chaos-merge"] as? [String: Any])
        #expect(mergeJob["needs"] as? [String] == ["chaos-shard"])
        let merge = try #require((mergeJob["script"] as? [String])?.first { $0.contains("chaos-run merge") })
        let junit = try #require(
            ((mergeJob["artifacts"] as? [String: Any])?["reports"] as? [String: Any])?["junit"] as? String)

        // GitLab extracts every needed job's artifacts into the merge job's checkout.
        let mergeDirectory = try Self.checkout(in: files, "merge")
        for index in 1...parallel {
            let job = try Self.checkout(in: files, "shard-job-\(index)")
            let variables = ["CI_NODE_INDEX": String(index), "CI_NODE_TOTAL": String(parallel)]
            let run = try ShellCommand.run(Self.local(sweep) + " --quiet", in: job, environment: variables)
            #expect(run.status == 0, "node \(index): \(run.output)")
            for path in artifacts {
                let source = job.appendingPathComponent(path)
                let names = try FileManager.default.contentsOfDirectory(atPath: source.path)
                for name in names {
                    let target = mergeDirectory.appendingPathComponent(path).appendingPathComponent(name)
                    try FileManager.default.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target)
                }
            }
        }
        let merged = try ShellCommand.run(Self.local(merge), in: mergeDirectory)
        #expect(merged.status == 0, "\(merged.output)")
        let single = try Self.singleRun(in: files)
        let fromShards = try Self.reports(in: mergeDirectory.appendingPathComponent("report"))
        #expect(fromShards.json == single.json)
        #expect(fromShards.markdown == single.markdown)
        #expect(FileManager.default.fileExists(atPath: mergeDirectory.appendingPathComponent(junit).path))
    }
}

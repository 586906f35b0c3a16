import Foundation
import Testing
import Triage

/// `chaos-run run`, `replay`, `check-determinism` and `list`, run as a user runs them: as a separate process.
@Suite("chaos-run sweeps", .serialized)
struct ChaosRunSweepTests {
    @Test("every subcommand's help abstract is one sentence ending in a period")
    func helpAbstracts() throws {
        for command in ["list", "run", "replay", "check-determinism", "demo", "cid", "bench", "triage"] {
            let help = try ChaosRunBinary.run([command, "--help"])
            #expect(help.status == 0, "\(command)")
            // The overview is the abstract, wrapped, then a blank line before the discussion.
            let overview = help.standardOutput.components(separatedBy: "\n\n").first ?? ""
            #expect(overview.hasPrefix("OVERVIEW: "), "\(command)")
            let abstract = overview.dropFirst("OVERVIEW: ".count).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(abstract.hasSuffix("."), "\(command): \(abstract)")
            #expect(!abstract.dropLast().contains(". "), "\(command): \(abstract)")
        }
    }

    @Test("a sweep whose expectations hold exits 0 and writes report.json, report.md, junit.xml and report.html")
    func expectationsMet() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload())
        let reportDirectory = files.path("report")
        let output = try ChaosRunBinary.run(["run", scenario, "--jobs", "2", "--report", reportDirectory])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("Expectations met."))
        let report = try Report.decode(from: Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/report.json")))
        #expect(report.scenarios.map(\.variant) == ["naive", "robust"])
        #expect(report.scenarios.allSatisfy { $0.runs == 12 && $0.seeds == 12 && $0.firstSeed == 1 })
        for name in ["report.md", "junit.xml", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: reportDirectory + "/" + name), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: reportDirectory)
        #expect(leftovers.sorted() == ["junit.xml", "report.html", "report.json", "report.md"])
    }

    @Test("an expectation that does not hold exits 1 and says so")
    func expectationsNotMet() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let text = ScenarioFixtureFiles.smallDownload(robustMax: "0%")
            .replacingOccurrences(of: "toxicity: 50%", with: "toxicity: 100%")
            .replacingOccurrences(of: "mean_gap: 20s", with: "mean_gap: 1ms")
            .replacingOccurrences(of: "mean_duration: 20s", with: "mean_duration: 1h")
        let scenario = try files.write("failing.yaml", text)
        let output = try ChaosRunBinary.run(["run", scenario, "--variant", "robust", "--seeds", "3", "--quiet"])
        #expect(output.status == 1, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("NOT MET"))
        #expect(output.standardOutput.contains("replay: chaos-run replay \(scenario) --seed 1 --variant robust"))
    }

    @Test("bad input exits 2 with a clear message", arguments: [
        (["run", "scenarios/missing.yaml"], "scenarios/missing.yaml:1:1: cannot read the file"),
        (["run", "scenarios/ipfs-download-timeout.yaml", "--jobs", "0"], "--jobs must be between 1 and 256"),
        (["run", "scenarios/ipfs-download-timeout.yaml", "--seeds", "0"], "--seeds must be between 1 and 1000000"),
        (
            ["run", "scenarios/ipfs-download-timeout.yaml", "--variant", "fast"],
            "The value 'fast' is invalid for '--variant <variant>'. "
                + "Please provide one of 'naive', 'robust' or 'naive-scoped'."
        ),
        (["replay", "scenarios/ipfs-download-timeout.yaml"], "Missing expected argument '--seed <seed>'"),
        (["run"], "Missing expected argument '<files> ...'"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let output = try ChaosRunBinary.run(arguments)
        #expect(output.status == 2, "\(output.standardError)")
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test("a bad scenario file exits 2 with file:line:column and writes no report")
    func badScenarioFile() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let text = ScenarioFixtureFiles.smallDownload().replacingOccurrences(of: "latency: 5ms", with: "latncy: 5ms")
        let scenario = try files.write("typo.yaml", text)
        let output = try ChaosRunBinary.run(["run", scenario, "--report", files.path("report")])
        #expect(output.status == 2)
        #expect(output.standardError.contains("\(scenario):10:"), "\(output.standardError)")
        #expect(output.standardError.contains("did you mean 'latency'?"), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: files.path("report")))
    }

    @Test("a seed that traps becomes a crash with its replay command, and the sweep goes on")
    func crashingSeed() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 6))
        let output = try ChaosRunBinary.run(
            ["run", scenario, "--variant", "robust", "--jobs", "2", "--report", files.path("report")],
            environment: ["CHAOS_RUN_WORKER_TRAP_SEED": "3"])
        let report = try Report.decode(from: Data(contentsOf: URL(fileURLWithPath: files.path("report/report.json"))))
        let robust = try #require(report.scenarios.first)
        #expect(robust.runs == 6, "every other seed still ran")
        let crash = try #require(robust.signatures.first { $0.kind == .crash }, "\(output.standardOutput)")
        #expect(crash.seeds == [3])
        #expect(crash.replay == "chaos-run replay \(scenario) --seed 3 --variant robust")
        #expect(crash.summary.contains("signal"), "\(crash.summary)")
        #expect(robust.policy.action == .fix)
    }

    @Test("report.json is byte-identical for --jobs 1 and --jobs 2, apart from wall time")
    func reportIndependentOfJobs() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 16))
        var reports: [String] = []
        for jobs in ["1", "2"] {
            let directory = files.path("report-\(jobs)")
            let output = try ChaosRunBinary.run(["run", scenario, "--jobs", jobs, "--report", directory, "--quiet"])
            #expect(output.status == 0, "\(output.standardError)")
            let text = try String(contentsOfFile: directory + "/report.json", encoding: .utf8)
            let lines = text.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") }
            reports.append(lines.joined(separator: "\n"))
        }
        #expect(reports[0] == reports[1])
        #expect(reports[0].contains("\"failed\""))
    }

    @Test("check-determinism runs each seed in two processes and finds them equal")
    func checkDeterminism() throws {
        let output = try ChaosRunBinary.run(
            ["check-determinism", "scenarios/ipfs-download-timeout.yaml", "--seeds", "4", "--first-seed", "4"])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("8 seed run(s) agreed across processes"))
    }

    @Test("replay prints the outcome, digest and timeline, and exits 1 for a failing seed")
    func replay() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload())
        let sweep = try ChaosRunBinary.run(["run", scenario, "--variant", "naive", "--report", files.path("r")])
        let report = try Report.decode(from: Data(contentsOf: URL(fileURLWithPath: files.path("r/report.json"))))
        let failing = try #require(report.scenarios.first?.signatures.first, "\(sweep.standardOutput)")
        let output = try ChaosRunBinary.run(
            ["replay", scenario, "--seed", String(failing.seeds[0]), "--variant", "naive", "--trace"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("result: FAILED [\(failing.kind.rawValue)] \(failing.id)"))
        #expect(output.standardOutput.contains("digest: "))
        #expect(output.standardOutput.contains("timeline:"))
        #expect(output.standardOutput.contains("workload: service-manager (naive) starts"))
        let again = try ChaosRunBinary.run(
            ["replay", scenario, "--seed", String(failing.seeds[0]), "--variant", "naive"])
        let digest = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("digest: ") } }
        #expect(digest(again.standardOutput) == digest(output.standardOutput))
    }

    @Test("list shows the shipped scenarios with their descriptions; a bad file in the directory exits 2")
    func list() throws {
        let output = try ChaosRunBinary.run(["list", "scenarios"])
        #expect(output.status == 0, "\(output.standardError)")
        for name in ["ipfs-download-timeout", "service-create-cleanup", "download-queue-retry"] {
            #expect(output.standardOutput.contains(name), "\(name)")
        }
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        _ = try files.write("good.yaml", ScenarioFixtureFiles.smallDownload())
        let bad = try files.write("bad.yaml", "name: bad\ndescription: x\nworkload: {component: toaster}\n")
        let mixed = try ChaosRunBinary.run(["list", files.directory.path])
        #expect(mixed.status == 2)
        #expect(mixed.standardOutput.contains("small-download"))
        #expect(mixed.standardError.contains("\(bad):3:"), "\(mixed.standardError)")
    }

    @Test("Ctrl-C writes the seeds that finished, marked incomplete, and exits 1")
    func interrupt() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let scenario = try files.write("small.yaml", ScenarioFixtureFiles.smallDownload(seeds: 100_000))
        let process = Process()
        process.executableURL = ChaosRunBinary.url
        process.arguments = ["run", scenario, "--jobs", "2", "--quiet", "--report", files.path("report")]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 3)
        kill(process.processIdentifier, SIGINT)
        // The workers finish the seeds in hand, then the report is written; give up (and fail) after a minute.
        for _ in 0..<600 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let report = try Report.decode(from: Data(contentsOf: URL(fileURLWithPath: files.path("report/report.json"))))
        #expect(report.incomplete)
        #expect(report.scenarios.contains { $0.runs > 0 && $0.runs < 100_000 })
        #expect(!report.expectationsMet)
    }
}

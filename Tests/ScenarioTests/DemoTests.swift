import ChaosNet
import Foundation
import Scenarios
import Testing

@Suite("Demo scenario")
struct DemoTests {
    @Test("200 seeds each run twice give equal digests, and every job settles exactly once")
    func demoIsDeterministic() throws {
        var digests: Set<TraceDigest> = []
        for seed in UInt64(0)..<200 {
            let first = DemoRun.run(seed: seed)
            let second = DemoRun.run(seed: seed)
            #expect(first.outcome == .completed, "seed \(seed)")
            #expect(first.digest == second.digest, "seed \(seed)")
            let report = try #require(try first.value?.get(), "seed \(seed)")
            #expect(report.completed + report.failed == 24, "seed \(seed)")
            #expect(report.attempts >= 24, "seed \(seed)")
            digests.insert(first.digest)
        }
        #expect(digests.count > 190, "seeds should explore different worlds")
    }

    @Test("the same seed gives the same digest in two separate processes and in this one")
    func sameDigestAcrossProcesses() throws {
        let inProcess = DemoRun.run(seed: 7).digest
        let first = try ChaosRunBinary.run(["demo", "--seed", "7"])
        let second = try ChaosRunBinary.run(["demo", "--seed", "7"])
        #expect(first.status == 0, "stderr: \(first.standardError)")
        let firstLines = first.standardOutput.split(separator: "\n")
        #expect(firstLines.first == "seed: 7", "the seed is printed first")
        #expect(firstLines.contains("outcome: completed"))
        #expect(firstLines.contains("digest: \(inProcess)"))
        #expect(first.standardOutput == second.standardOutput)
    }

    @Test("demo --trace prints a timeline with virtual timestamps")
    func demoTimeline() throws {
        let output = try ChaosRunBinary.run(["demo", "--seed", "3", "--trace"])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n")
        let timeline = try #require(lines.firstIndex(of: "timeline:"))
        #expect(lines[(timeline + 1)...].allSatisfy { $0.hasPrefix("[") && $0.contains("s] ") })
    }

    @Test("bad flags exit with code 2 and say what was expected")
    func badFlags() throws {
        let zeroWorkers = try ChaosRunBinary.run(["demo", "--workers", "0"])
        #expect(zeroWorkers.status == 2)
        #expect(zeroWorkers.standardError.contains("--workers must be between 1 and 64, got 0."))
        let notANumber = try ChaosRunBinary.run(["demo", "--seed", "seven"])
        #expect(notANumber.status == 2)
        #expect(notANumber.standardError.contains("seven"))
        let unknown = try ChaosRunBinary.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test("help lists the subcommands with one-sentence abstracts")
    func help() throws {
        let output = try ChaosRunBinary.run(["--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("demo"))
        #expect(output.standardOutput.contains("Runs the kernel demo"))
        #expect(output.standardOutput.contains("bench"))
    }
}

import ChaosNet
import Foundation
import ChaosComponents
import Scenarios
import ChaosDemo
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

@Suite("chaos-run cid")
struct CIDCommandTests {
    /// A fresh temporary directory holding `files` (name → contents).
    static func tree(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test("matches the IPFS.md vectors for a file, raw leaves and a directory")
    func vectors() throws {
        let directory = try Self.tree(["mars.txt": "Hello Mars!\n", "venus.txt": "Hello Venus!\n", ".hidden": "x",
                                       "hello": "hello world", "file1": "file1\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try ChaosRunBinary.run(["cid", directory.appendingPathComponent("hello").path])
        #expect(file.standardOutput == "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD\n")
        let raw = try ChaosRunBinary.run(["cid", "--raw-leaves", directory.appendingPathComponent("file1").path])
        #expect(raw.standardOutput == "bafkreihm3rktn5z33luic3youqdsn326toaq3ekesmdvsa53sbrd3f5r3a\n")
        let planets = try Self.tree(["mars.txt": "Hello Mars!\n", "venus.txt": "Hello Venus!\n", ".hidden": "x"])
        defer { try? FileManager.default.removeItem(at: planets) }
        let tree = try ChaosRunBinary.run(["cid", planets.path])
        #expect(tree.standardOutput == "QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY\n", "hidden files are skipped")
        let withHidden = try ChaosRunBinary.run(["cid", "--hidden", planets.path])
        #expect(withHidden.status == 0)
        #expect(withHidden.standardOutput != tree.standardOutput)
    }

    @Test("a missing path and bad flags exit with code 2 and a clear message")
    func badInput() throws {
        let missing = try ChaosRunBinary.run(["cid", "/nonexistent/path"])
        #expect(missing.status == 2)
        #expect(missing.standardError == "Error: cannot hash /nonexistent/path: ENOENT: no such file or directory: /nonexistent/path\n")
        let version = try ChaosRunBinary.run(["cid", "--cid-version", "2", "/tmp"])
        #expect(version.status == 2)
        #expect(version.standardError.contains("--cid-version must be 0 or 1, got 2."))
        let chunker = try ChaosRunBinary.run(["cid", "--chunker", "rabin", "/tmp"])
        #expect(chunker.status == 2)
    }
}

import Foundation
import Testing

/// check-determinism's report when two runs of a seed differ. `chaos-run-test-drivers` registers a driver that is
/// deterministic unless CHAOSNET_TEST_NONDETERMINISM names a counter file; then each workload run adds one to it and
/// leaks the number into the run, one way per variant. With `--jobs 1` and one seed the runs are numbered in order:
/// the two rounds are runs 1 and 2, the two traced reruns 3 and 4.
@Suite("check-determinism mismatch reports", .serialized)
struct CheckDeterminismMismatchTests {
    static let executable = "chaos-run-test-drivers"
    static let variable = "CHAOSNET_TEST_NONDETERMINISM"

    static let scenarioText = """
        name: nondeterminism
        description: Deterministic unless CHAOSNET_TEST_NONDETERMINISM names a counter file.
        seeds: 2
        time_limit: 1m
        topology: {hosts: [client], client: client, registry: none}
        workload: {component: nondeterministic}
        """

    /// The scenario file, and the counter file the variable names (created by the first run).
    struct Files {
        let fixtures: ScenarioFixtureFiles
        let scenario: String
        var counter: String { fixtures.path("counter") }

        init() throws {
            fixtures = try ScenarioFixtureFiles()
            scenario = try fixtures.write("nondeterminism.yaml", CheckDeterminismMismatchTests.scenarioText)
        }

        /// The number in the counter file: how many workload runs saw the variable.
        func runs() throws -> Int? {
            Int(try String(contentsOfFile: counter, encoding: .utf8))
        }
    }

    /// check-determinism on one seed of `variant`, on one worker at a time, with the variable set: it must find the
    /// seed's runs different (exit 1) and report them.
    private func mismatchReport(_ files: Files, variant: String) throws -> MismatchReport {
        let output = try ChaosRunBinary.run(
            ["check-determinism", files.scenario, "--seeds", "1", "--jobs", "1", "--variant", variant],
            environment: [Self.variable: files.counter], executable: Self.executable)
        #expect(output.status == 1, "\(output.standardOutput)\(output.standardError)")
        return try #require(MismatchReport(output.standardOutput), "\(output.standardOutput)")
    }

    /// The timeline `replay --trace` prints for seed 1 of `variant`, with the variable naming `counter`.
    private func replayTimeline(_ files: Files, variant: String, counter: String) throws -> [String] {
        let output = try ChaosRunBinary.run(
            ["replay", files.scenario, "--seed", "1", "--variant", variant, "--trace"],
            environment: [Self.variable: counter], executable: Self.executable)
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "timeline:") else { return [] }
        return lines[(start + 1)...].filter { $0.hasPrefix("  ") }.map { String($0.dropFirst(2)) }
    }

    @Test("without the variable every variant's seeds agree, and the check exits 0")
    func agreesWithoutTheVariable() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let output = try ChaosRunBinary.run(
            ["check-determinism", files.scenario, "--seeds", "2"], executable: Self.executable)
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput == "nondeterminism: 10 seed run(s) agreed across processes "
            + "(digests, outcomes, times).\n")
    }

    @Test("a message that differs: exit 1, both digests, and the first differing event as replay numbers it")
    func differingMessage() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let report = try mismatchReport(files, variant: "message")
        #expect(report.summary == "nondeterminism: 1 of 1 seed run(s) differ between processes.")
        #expect(report.seed == "seed 1 (message):")
        #expect(report.runs.0.hasPrefix("passed, virtual "), "\(report.runs.0)")
        #expect(report.runs.0.digest != report.runs.1.digest, "\(report.runs)")
        let event = try #require(report.event, "\(report.output)")
        #expect(try files.runs() == 4)
        #expect(event.lines.0.runNumber == 3, "\(event.lines.0)")
        #expect(event.lines.1.runNumber == 4, "\(event.lines.1)")
        // Replayed with a fresh counter, the same event is run 1's, at the line the report numbers.
        let timeline = try replayTimeline(files, variant: "message", counter: files.fixtures.path("replay-counter"))
        let position = try #require(timeline.firstIndex { $0.hasSuffix("fixture: run 1 of the counter file") })
        #expect(event.number == position + 1, "\(timeline)")
        #expect(timeline[position].replacingOccurrences(of: "run 1 ", with: "run 3 ") == event.lines.0)
    }

    @Test("a trace one event longer: the shorter run's side says the trace ends there")
    func longerTrace() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let report = try mismatchReport(files, variant: "length")
        let event = try #require(report.event, "\(report.output)")
        #expect(event.lines.0 == "(the trace ends here)")
        #expect(event.lines.1.hasSuffix("fixture: one event per run of the counter file"), "\(event.lines.1)")
        // Replayed as the third run, the first traced rerun's timeline has one event fewer than the number.
        let counter = files.fixtures.path("replay-counter")
        try "2".write(toFile: counter, atomically: true, encoding: .utf8)
        let timeline = try replayTimeline(files, variant: "length", counter: counter)
        #expect(event.number == timeline.count + 1, "\(timeline)")
        #expect(timeline.last == event.lines.1)
    }

    @Test("traces that agree while the digests differ: the report says so and shows both traced runs")
    func untracedDifference() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let report = try mismatchReport(files, variant: "untraced")
        #expect(report.runs.0.digest != report.runs.1.digest, "\(report.runs)")
        #expect(report.event == nil)
        #expect(report.note == "the traced reruns differ, but not in any trace event: in scheduling decisions, "
            + "the final virtual time or the outcome")
        let traced = try #require(report.tracedRuns, "\(report.output)")
        #expect(traced.0.digest != traced.1.digest, "\(traced)")
    }

    @Test("a difference that does not recur in the traced reruns is reported as such")
    func transientDifference() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let report = try mismatchReport(files, variant: "transient")
        #expect(report.runs.0.digest != report.runs.1.digest, "\(report.runs)")
        #expect(report.event == nil)
        #expect(report.note == "the traced reruns agreed: the difference did not recur")
    }

    @Test("a traced rerun that crashed is shown as a crash, not as a trace that ended")
    func crashedRerun() throws {
        let files = try Files()
        defer { files.fixtures.remove() }
        let report = try mismatchReport(files, variant: "crash")
        #expect(report.runs.0.hasPrefix("passed, "), "\(report.runs)")
        #expect(report.runs.1.hasPrefix("crash: "), "\(report.runs)")
        #expect(report.event == nil)
        #expect(report.note == "a traced rerun sent back no trace to compare:")
        let traced = try #require(report.tracedRuns, "\(report.output)")
        #expect(traced.0.hasPrefix("passed, "), "\(traced)")
        #expect(traced.1.hasPrefix("crash: "), "\(traced)")
    }
}

/// The parts of check-determinism's output for a run with one differing seed.
private struct MismatchReport {
    /// The first differing trace event: its number and both runs' lines.
    struct Event {
        var number: Int
        var lines: (String, String)
    }

    /// All of check-determinism's standard output, for messages.
    var output: String
    var summary: String
    var seed: String
    /// The fingerprints of the two runs that differed.
    var runs: (String, String)
    var event: Event?
    /// The line after the fingerprints when no event is shown, and the traced reruns' fingerprints it introduces.
    var note: String?
    var tracedRuns: (String, String)?

    init?(_ output: String) {
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count >= 4, let first = lines[2].value(after: "  run 1: "),
            let second = lines[3].value(after: "  run 2: ")
        else { return nil }
        self.output = output
        summary = lines[0]
        seed = lines[1]
        runs = (first, second)
        let rest = Array(lines.dropFirst(4))
        if let heading = rest.first?.value(after: "  first differing trace event (#"), heading.hasSuffix("):"),
            let number = Int(heading.dropLast(2)), rest.count == 3,
            let a = rest[1].value(after: "    run 1: "), let b = rest[2].value(after: "    run 2: ") {
            event = Event(number: number, lines: (a, b))
            return
        }
        note = rest.first?.value(after: "  ")
        if rest.count == 3, let a = rest[1].value(after: "    run 1: "), let b = rest[2].value(after: "    run 2: ") {
            tracedRuns = (a, b)
        }
    }
}

extension String {
    /// The rest of the line after `prefix`, nil when it does not start with it.
    fileprivate func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// The digest a fingerprint ends with.
    fileprivate var digest: Substring? {
        range(of: "digest ").map { self[$0.upperBound...] }
    }

    /// N in a `run N of the counter file` event.
    fileprivate var runNumber: Int? {
        guard let start = range(of: "fixture: run ")?.upperBound,
            let end = range(of: " of the counter file")?.lowerBound
        else { return nil }
        return Int(self[start..<end])
    }
}

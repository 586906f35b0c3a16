import ChaosTesting
import Scenarios
import Testing
import Triage

/// ChaosTesting's expectations record issues that carry what a person needs to act on a failing seed.
@Suite("ChaosTesting expectations")
struct ChaosTestingTests {
    static func runner() throws -> ScenarioRunner {
        let scenario = try ScenarioLoader.parse(Greeter.scenarioText, path: "greeter.yaml", drivers: Greeter.drivers)
        return try ScenarioRunner(
            scenario: scenario, drivers: Greeter.drivers, file: "greeter.yaml", replay: .command("swift run my-chaos"))
    }

    /// The comments of the issues `body` records, which it is known to record.
    static func recordedComments(_ body: () -> Void) -> [String] {
        let box = CommentBox()
        withKnownIssue {
            body()
        } matching: { issue in
            box.comments += issue.comments.map(\.rawValue)
            return true
        }
        return box.comments
    }

    final class CommentBox: @unchecked Sendable {
        var comments: [String] = []
    }

    @Test("a damaging seed's issue names the seed, the kind, the signature and the runner's replay command")
    func seedIssue() throws {
        let runner = try Self.runner()
        let run = try #require((UInt64(1)...40).lazy.map { runner.run(seed: $0, variant: .naive) }.first {
            $0.record.failure?.kind == .damaging
        })
        let comments = Self.recordedComments { expectNoDamage(run) }
        let seed = run.record.seed
        #expect(comments.count == 1)
        let lines = try #require(comments.first).split(separator: "\n", omittingEmptySubsequences: false)
        let signature = "damaging:greeter:http_503:greeting_is_a_greeting"
        #expect(lines.first == "seed \(seed) (naive) failed [damaging] \(signature)")
        #expect(lines.dropFirst().first == "  the greeter answered 503; broke greeting_is_a_greeting")
        #expect(lines.dropFirst(2).first?.hasPrefix("  detail: /greeting holds '") == true, "\(lines)")
        #expect(lines.last == "  replay: swift run my-chaos replay greeter.yaml --seed \(seed) --variant naive")
    }

    @Test("a sweep records one issue per damaging signature with its count, seeds and replay; transient ones pass")
    func sweepIssues() throws {
        let runner = try Self.runner()
        let naive = runner.sweep(variant: .naive, seeds: 1..<41)
        let comments = Self.recordedComments { expectNoDamage(naive) }
        #expect(comments.count == 1, "\(comments)")
        let comment = try #require(comments.first)
        #expect(comment.contains(
            "× [damaging] damaging:greeter:http_503:greeting_is_a_greeting in greeter-outage (naive)"))
        #expect(comment.contains("\n  replay: swift run my-chaos replay greeter.yaml --seed "))
        expectNoDamage(runner.sweep(variant: .robust, seeds: 1..<41))
        expectScenarioExpectation(naive)
    }

    @Test("an expectation the sweep does not meet is an issue that says what was expected and measured")
    func unmetExpectation() throws {
        var scenario = try ScenarioLoader.parse(Greeter.scenarioText, path: "greeter.yaml", drivers: Greeter.drivers)
        scenario.expectations = [VariantExpectation(variant: .naive, maxFailureRate: 0)]
        let runner = try ScenarioRunner(scenario: scenario, drivers: Greeter.drivers, file: "greeter.yaml")
        let comments = Self.recordedComments { expectScenarioExpectation(runner.sweep(variant: .naive, seeds: 1..<41)) }
        let comment = try #require(comments.first)
        #expect(comment.hasPrefix("greeter-outage (naive): expected failure rate ≤ 0%, measured "), "\(comment)")
    }
}

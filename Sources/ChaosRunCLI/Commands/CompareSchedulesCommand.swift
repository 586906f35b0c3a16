import ArgumentParser
import ChaosNet
import Foundation
import Scenarios

struct CompareSchedulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-schedules",
        abstract: "Runs the same seeds under several schedule strategies and shows how soon each finds each failure.",
        discussion: """
            Each strategy (the seeded random walk, PCT with a bug depth and a step estimate) runs seeds FIRST... of \
            each variant, one after another in this process, with the file's schedule replaced. For every failure \
            signature the table gives, per strategy, the seeds it took to first hit it (and which seed that was) \
            and how many seeds hit it in all; '-' means never. Strategies are spelled random_walk, pct, pct:D or \
            pct:D:K (depth D in 1...10, default 3; about K steps per run, default 10000: `replay` prints a seed's \
            steps).

            Exit codes: 0 the comparison ran, 2 bad input or usage.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var file: String

    @Option(
        name: .customLong("strategy"),
        help: ArgumentHelp(
            "A strategy to compare: random_walk, pct, pct:D or pct:D:K (repeat the option).",
            discussion: "Default: random_walk and pct (depth 3, 10000 steps)."))
    var strategies: [ScheduleStrategy] = []

    @OptionGroup var variant: VariantOption

    @Option(help: "Seeds each strategy runs per variant (1...100000).")
    var seeds: Int = 200

    @OptionGroup var firstSeed: FirstSeedOption

    @Flag(help: "Print the comparison as one JSON document instead of a table.")
    var json = false

    func validate() throws {
        guard (1...100_000).contains(seeds) else {
            throw ValidationError("--seeds must be between 1 and 100000, got \(seeds).")
        }
        if let first = firstSeed.firstSeed, first > UInt64.max - UInt64(seeds) {
            throw ValidationError("--first-seed \(first) leaves no room for \(seeds) seeds.")
        }
    }

    func run() throws {
        let target = try ScenarioTargets.load(file, variant: variant.variant)
        let defaultPCT = ScheduleStrategy.pct(
            depth: ScheduleStrategy.pctDefaultDepth, stepEstimate: ScheduleStrategy.pctDefaultStepEstimate)
        let strategies = strategies.isEmpty ? [.randomWalk, defaultPCT] : strategies
        let first = firstSeed.firstSeed ?? target.scenario.firstSeed ?? 1
        let range = first...(first + UInt64(seeds) - 1)
        var comparisons: [ScheduleComparison] = []
        for variant in target.variants {
            let comparison = target.runner.compareSchedules(strategies, variant: variant, seeds: range) { index, done in
                if done == seeds {
                    printToStandardError("\(variant): \(strategies[index].argument) ran \(done) seeds")
                }
            }
            comparisons.append(comparison)
            if !json { print(Self.table(comparison)) }
        }
        if json { print(try Self.json(comparisons)) }
    }

    static func table(_ comparison: ScheduleComparison) -> String {
        let range = "\(comparison.seeds.lowerBound)...\(comparison.seeds.upperBound)"
        var lines = ["\(comparison.scenario) (\(comparison.variant)), seeds \(range):"]
        for (index, strategy) in comparison.strategies.enumerated() {
            lines.append("  \(strategy.argument): \(comparison.failedSeeds[index]) failed")
        }
        guard !comparison.rows.isEmpty else {
            return (lines + ["  no failures under any strategy"]).joined(separator: "\n")
        }
        lines.append("  seeds to the first hit (first seed, seeds that hit it), per strategy:")
        for row in comparison.rows {
            let cells = zip(comparison.strategies, row.hits).map { strategy, hit in
                let found = hit.map { "\($0.seedsToFirst) (seed \($0.firstSeed), \($0.seeds)×)" }
                return "\(strategy.argument) " + (found ?? "-")
            }
            lines.append("    [\(row.kind.rawValue)] \(row.signature)")
            lines.append("      " + cells.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ comparisons: [ScheduleComparison]) throws -> String {
        let document: [[String: Any]] = comparisons.map { comparison in
            [
                "scenario": comparison.scenario, "variant": comparison.variant.rawValue,
                "first_seed": comparison.seeds.lowerBound, "seeds": comparison.seeds.count,
                "strategies": comparison.strategies.enumerated().map { index, strategy in
                    ["strategy": strategy.argument, "failed": comparison.failedSeeds[index]]
                },
                "signatures": comparison.rows.map { row in
                    [
                        "signature": row.signature, "kind": row.kind.rawValue,
                        "hits": row.hits.map { hit -> Any in
                            guard let hit else { return NSNull() }
                            return [
                                "seeds_to_first": hit.seedsToFirst, "first_seed": hit.firstSeed, "seeds": hit.seeds,
                            ]
                        },
                    ] as [String: Any]
                },
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

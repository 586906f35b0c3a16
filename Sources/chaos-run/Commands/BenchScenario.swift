import ArgumentParser
import Scenarios

/// The scenario a benchmark runs seeds of: loaded from its file, with the variant checked against it, so that a bad
/// file or variant is a usage error (exit 2) with the loader's message rather than a trap mid-benchmark.
enum BenchScenario {
    static func runner(file: String, variant: VariantName) throws -> ScenarioRunner {
        let runner: ScenarioRunner
        do {
            runner = try ScenarioRunner(path: file)
        } catch {
            throw ValidationError("\(error)")
        }
        guard runner.variants.contains(variant) else {
            throw ValidationError("'\(variant)' is not a variant of '\(runner.scenario.name)'.")
        }
        return runner
    }
}

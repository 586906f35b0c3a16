import Scenarios

/// Loads the scenario files a command names into sweep targets, with this program's drivers: a bad file, a
/// scenario that cannot run, or a `--variant` the file does not declare is bad input (exit code 2).
enum ScenarioTargets {
    static func load(_ files: [String], variant: VariantName?) throws -> [SweepPlan.Target] {
        try files.map { try load($0, variant: variant) }
    }

    static func load(_ file: String, variant: VariantName?) throws -> SweepPlan.Target {
        let drivers = CLIContext.current.drivers
        let scenario: ScenarioFile
        do {
            scenario = try ScenarioLoader.load(path: file, drivers: drivers)
        } catch {
            throw BadInput(error.description)
        }
        let runner: ScenarioRunner
        do {
            runner = try ScenarioRunner(
                scenario: scenario, drivers: drivers, file: file, replay: CLIContext.current.replay)
        } catch {
            throw BadInput("\(file): \(error)")
        }
        guard let variant else { return SweepPlan.Target(runner: runner) }
        guard runner.variants.contains(variant) else {
            throw BadInput(
                "\(file): --variant \(variant) is not a variant of '\(scenario.name)' (it declares "
                    + runner.variants.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return SweepPlan.Target(runner: runner, variants: [variant])
    }
}

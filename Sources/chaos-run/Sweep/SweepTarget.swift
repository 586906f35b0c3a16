import Scenarios

/// One scenario file and the variants a sweep runs of it.
struct SweepTarget {
    /// The path as the user gave it: workers load it, and replay commands repeat it.
    var file: String
    var scenario: ScenarioFile
    var variants: [ComponentVariant]
    /// Built while loading, which checks that the scenario can run at all; `replay` runs its seed with it.
    var runner: ScenarioRunner

    /// Loads `file` and picks the variants: `variant` if given (it must be one the file declares), else every
    /// declared one. Bad files and unknown variants are bad input (exit code 2).
    static func load(_ file: String, variant: String?) throws -> SweepTarget {
        let scenario: ScenarioFile
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            throw BadInput(error.description)
        }
        let runner: ScenarioRunner
        do {
            runner = try ScenarioRunner(scenario: scenario)
        } catch {
            throw BadInput("\(file): \(error)")
        }
        let declared = scenario.workload.variants
        guard let variant else {
            return SweepTarget(file: file, scenario: scenario, variants: declared, runner: runner)
        }
        guard let chosen = ComponentVariant(rawValue: variant), declared.contains(chosen) else {
            throw BadInput(
                "\(file): --variant \(variant) is not a variant of '\(scenario.name)' (it declares "
                    + declared.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return SweepTarget(file: file, scenario: scenario, variants: [chosen], runner: runner)
    }
}

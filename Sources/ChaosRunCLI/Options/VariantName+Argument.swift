import ArgumentParser
import Scenarios

extension VariantName: ExpressibleByArgument {
    /// Any variant a registered driver declares; whether the scenario's component has it is checked when the file is
    /// loaded (`ScenarioTargets`).
    public init?(argument: String) {
        guard CLIContext.current.drivers.drivers.contains(where: { $0.variants.contains(VariantName(argument)) })
        else { return nil }
        self.init(argument)
    }

    /// Every variant of the registered drivers, for help text and completion.
    public static var allValueStrings: [String] {
        var names: [String] = []
        for driver in CLIContext.current.drivers.drivers {
            for variant in driver.variants where !names.contains(variant.rawValue) { names.append(variant.rawValue) }
        }
        return names
    }
}

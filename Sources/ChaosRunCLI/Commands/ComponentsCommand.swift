import ArgumentParser
import Scenarios

struct ComponentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Lists the components scenario files can name, with their variants, keys and invariants.",
        discussion: """
            These are the drivers this program registers: chaos-run's own, and those of a runner built on its \
            entry point. A scenario file names one in `workload.component`, may pick its variants and invariants, \
            and sets its keys under `workload:`.
            """
    )

    func run() throws {
        for (index, driver) in CLIContext.current.drivers.drivers.enumerated() {
            if index > 0 { print("") }
            print("\(driver.name): \(driver.summary)")
            print("  variants: \(driver.variants.map(\.rawValue).joined(separator: ", "))")
            var keys = ["variants", "start_jitter"]
            if driver.capabilities.contains(.needsRegistryPackage) { keys.append("package") }
            keys += driver.configurationKeys
            print("  workload keys: \(keys.joined(separator: ", "))")
            let capabilities = Self.words(driver.capabilities)
            if !capabilities.isEmpty { print("  capabilities: \(capabilities.joined(separator: "; "))") }
            print("  invariants:")
            for invariant in driver.invariants { print("    \(invariant.name): \(invariant.summary)") }
        }
    }

    /// The capabilities in words.
    static func words(_ capabilities: DriverCapabilities) -> [String] {
        var words: [String] = []
        if capabilities.contains(.needsRegistryPackage) {
            words.append("fetches a registry package")
        } else if capabilities.contains(.needsRegistry) {
            words.append("needs a registry")
        }
        if capabilities.contains(.restartsAfterPowerLoss) {
            words.append("restarts after a power loss (crash faults allowed)")
        }
        return words
    }
}

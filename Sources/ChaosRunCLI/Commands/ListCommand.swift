import ArgumentParser
import Foundation
import Scenarios

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the scenario files in a directory with their one-line descriptions.",
        discussion: """
            Every *.yaml, *.yml and *.json file directly in the directory is loaded; a file that does not load is \
            reported with its location and the exit code is 2.
            """
    )

    @Argument(help: "The directory to list.")
    var directory: String = "scenarios"

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioLoader.files(in: directory)
        } catch {
            throw BadInput(error.description)
        }
        var loaded: [(file: String, scenario: ScenarioFile)] = []
        var errors: [String] = []
        for file in files {
            do {
                loaded.append((file, try ScenarioLoader.load(path: file, drivers: CLIContext.current.drivers)))
            } catch {
                errors.append(error.description)
            }
        }
        let width = loaded.map(\.scenario.name.count).max() ?? 0
        for (file, scenario) in loaded {
            let name = scenario.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let variants = scenario.workload.variants.map(\.rawValue).joined(separator: ", ")
            print("\(name)  \(scenario.description)  [\(scenario.workload.component): \(variants); \(file)]")
        }
        if loaded.isEmpty && errors.isEmpty { print("No scenario files in \(directory).") }
        for error in errors { printToStandardError("Error: \(error)") }
        if !errors.isEmpty { throw ExitCode(2) }
    }
}

import Foundation
import Yams

/// Loads scenario files (`scenarios/*.yaml`, format in `scenarios/README.md`) into `ScenarioFile` values.
///
/// Every problem — YAML syntax, an unknown key, a bad unit, an unknown host — is a `ScenarioFileError` at the
/// offending node, and nothing in a file can make the loader crash: values are checked before they reach the
/// initializers whose preconditions would trap.
public enum ScenarioLoader {
    /// The extensions `files(in:)` picks up. JSON is YAML's flow syntax, so `.json` files go through the same parser.
    public static let fileExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Reads and parses the file at `path`; an unreadable file is an error at line 1, column 1. The workload's
    /// component must be one of `drivers`.
    public static func load(path: String, drivers: DriverRegistry = .builtIn) throws(ScenarioFileError)
        -> ScenarioFile
    {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioFileError(
                path: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(text, path: path, drivers: drivers)
    }

    /// Parses the text of a scenario file; `path` is only used in errors.
    public static func parse(
        _ text: String, path: String, drivers: DriverRegistry = .builtIn
    ) throws(ScenarioFileError) -> ScenarioFile {
        let root = try YAMLComposer.compose(text, path: path)
        return try ScenarioFileDecoder.decode(root, drivers: drivers)
    }

    /// Scenario files (*.yaml, *.yml, *.json) directly in a directory, sorted by file name, as paths that start
    /// with `directory`.
    public static func files(in directory: String) throws(ScenarioFileError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ScenarioFileError(
                path: directory, line: 1, column: 1,
                message: "cannot list the directory: \(error.localizedDescription)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names
            .filter { name in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: base + name, isDirectory: &isDirectory)
                return exists && !isDirectory.boolValue && !name.hasPrefix(".")
                    && fileExtensions.contains((name as NSString).pathExtension.lowercased())
            }
            .sorted()
            .map { base + $0 }
    }
}

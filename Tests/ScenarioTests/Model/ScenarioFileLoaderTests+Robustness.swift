import ChaosComponents
import Scenarios
import Testing

extension ScenarioFileLoaderTests {
    /// Loads `text` and checks that it either loads or fails with a position inside the text: the loader must never
    /// trap, whatever a half-edited file contains.
    static func expectLoadsOrLocatedError(_ text: String) {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            _ = try ScenarioLoader.parse(text, path: "mutated.yaml")
        } catch {
            #expect((1...lineCount + 1).contains(error.line), "\(error)")
            #expect(error.column >= 1, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("every prefix of the full example loads or fails with a location, never a crash")
    func truncatedFiles() {
        let text = ScenarioFileExamples.full
        for length in stride(from: 0, through: text.count, by: 5) {
            Self.expectLoadsOrLocatedError(String(text.prefix(length)))
        }
    }

    @Test("single-character edits of the full example load or fail with a location, never a crash")
    func mutatedFiles() {
        let characters = Array(ScenarioFileExamples.full)
        for index in stride(from: 0, to: characters.count, by: 11) {
            for replacement: Character in [":", "-", "{", "]", "9", " ", "\n"] {
                var mutated = characters
                mutated[index] = replacement
                Self.expectLoadsOrLocatedError(String(mutated))
            }
        }
    }

    @Test("extreme values are refused with an error instead of overflowing", arguments: [
        "seeds: 99999999999999999999999",
        "time_limit: 99999999999999999999h",
        "topology: {registry: {packages: [{name: a, size: 9999999999GiB}]}}",
        "rerun: {delays: [106751d]}",
        "faults: [{name: f, kind: slicer, target: {host: registry}, average_size: 8GiB}]",
        "faults: [{name: f, kind: limit_data, target: {host: registry}, bytes: -1}]",
        "workload: {component: downloader, operations: -5}",
    ])
    func extremeValues(_ line: String) throws {
        let setsWorkload = line.hasPrefix("workload")
        let workload = setsWorkload ? "" : "workload: {component: downloader}\n"
        let text = "name: extreme\ndescription: d\n" + workload + line
        let error = try #require(Self.loadError(text))
        #expect(error.line == (setsWorkload ? 3 : 4), "\(error)")
    }
}

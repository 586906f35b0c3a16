import ArgumentParser
import Foundation

/// `--jobs`: how many worker processes run seeds at once.
struct JobsOption: ParsableArguments {
    static let range = 1...256

    @Option(help: "Worker processes (1...256); default: the number of processors.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard Self.range.contains(jobs) else {
            throw ValidationError("--jobs must be between 1 and 256, got \(jobs).")
        }
    }
}

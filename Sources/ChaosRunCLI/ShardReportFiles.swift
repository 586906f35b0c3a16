import Foundation
import Scenarios
import Triage

/// Partial reports on disk: written by `run --shard`, found and read by `merge`.
enum ShardReportFiles {
    /// Writes `report` as DIR/shard-K-of-N.json, atomically, creating DIR if needed.
    static func write(_ report: SweepShardReport, to directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(report.fileName)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
            try report.jsonData().write(to: url, options: .atomic)
        } catch {
            throw BadInput("cannot write the partial report \(url.path): \(error.localizedDescription)")
        }
    }

    /// The console lines of a shard: what its slice ran and where the partial report went.
    static func summary(_ report: SweepShardReport, sweeps: [VariantSweep], directory: String) -> String {
        var lines = ["shard \(report.shard): \(sweeps.count) variant(s) of \(report.files.count) file(s)"]
        for sweep in sweeps {
            let failed = sweep.records.count { !$0.passed }
            lines.append("  \(sweep.scenario) \(sweep.variant): \(sweep.records.count) seed(s), \(failed) failed")
        }
        lines.append("Partial report: \(directory)/\(report.fileName); merge all \(report.shard.count) with "
            + "`\(CLIContext.current.commandName) merge DIR… --report OUT`.")
        return lines.joined(separator: "\n")
    }

    /// The partial reports `inputs` name: files as given, and under directories every `shard-K-of-N.json`, sorted.
    static func find(_ inputs: [String]) throws -> [String] {
        var found: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw BadInput("\(input): no such file or directory")
            }
            guard isDirectory.boolValue else {
                found.append(input)
                continue
            }
            let walker = FileManager.default.enumerator(atPath: input)
            var here: [String] = []
            while let relative = walker?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("shard-"), name.hasSuffix(".json") {
                    here.append((input as NSString).appendingPathComponent(relative))
                }
            }
            guard !here.isEmpty else { throw BadInput("\(input): no partial report (shard-K-of-N.json) in it") }
            found += here.sorted()
        }
        return found
    }

    /// Reads one partial report; a file that is not one is bad input, with its path.
    static func read(_ path: String) throws -> SweepShardReport {
        guard let data = FileManager.default.contents(atPath: path) else { throw BadInput("\(path): unreadable") }
        do {
            return try JSONDecoder().decode(SweepShardReport.self, from: data)
        } catch let error as DecodingError {
            throw BadInput("\(path): not a chaos-run partial report: \(DecodingErrorText.describe(error))")
        } catch {
            throw BadInput("\(path): not a chaos-run partial report: \(error)")
        }
    }
}

import ArgumentParser
import Foundation
import Scenarios
import Triage

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merges the partial reports of a sharded sweep into the report a single run would have written.",
        discussion: """
            Each INPUT is a partial report (shard-K-of-N.json, from `run --shard K/N --report DIR`) or a directory \
            searched for them, as CI artifacts are downloaded. The shards must come from one sweep: the same tool \
            version, the same scenario files byte for byte (read again from their paths, so run merge in the same \
            checkout), the same --first-seed, --seeds and --variant, and every shard from 1 to N exactly once; \
            anything else is refused with the reason. The merged report.json is byte-identical to a single run's \
            apart from wall times.

            Examples:
              chaos-run run scenarios/service-create-cleanup.yaml --shard 1/3 --report shards/1
              chaos-run merge shards --report report

            Exit codes: 0 every expectation met, 1 an expectation not met (or a shard was interrupted), 2 bad \
            input or usage (shards that do not make one sweep).
            """
    )

    @Argument(help: "Partial reports, or directories holding them.")
    var inputs: [String] = []

    @Option(help: "Write report.json, report.md, junit.xml and report.html into this directory (created if needed).")
    var report: String?

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Give the partial reports, or directories holding them.") }
    }

    func run() throws {
        let paths = try ShardReportFiles.find(inputs)
        let shards = try paths.map { (path: $0, report: try ShardReportFiles.read($0)) }
        let checked: [(path: String, report: SweepShardReport)]
        switch ShardSetCheck.check(shards) {
        case let .success(set): checked = set
        case let .failure(refusal): throw BadInput(refusal.message)
        }
        let first = checked[0].report
        guard first.toolVersion == ChaosRunVersion.current else {
            throw BadInput("\(checked[0].path): the shards were run by version \(first.toolVersion), this is "
                + "\(ChaosRunVersion.current)")
        }
        for file in first.files {
            guard let now = SweepShardReport.FileDigest.of(path: file.path) else {
                throw BadInput("\(file.path): the shards swept this file, which cannot be read here")
            }
            guard now == file else {
                throw BadInput("\(file.path): changed since the shards ran (sha256 \(now.sha256.prefix(12))…, "
                    + "the shards read \(file.sha256.prefix(12))…)")
            }
        }
        let plan = SweepPlan(
            targets: try ScenarioTargets.load(first.files.map(\.path), variant: first.variant),
            seedCount: first.seeds, firstSeed: first.firstSeed)
        let data: [VariantSweepData]
        switch plan.combine(checked.flatMap(\.report.variants)) {
        case let .success(combined): data = combined
        case let .failure(error): throw BadInput(error.message)
        }
        let result = Report(sweeps: plan.assemble(data))
        if let report {
            do {
                try ReportWriter.write(result, to: report)
            } catch {
                throw BadInput("cannot write the report: \(error)")
            }
        }
        print("Merged \(checked.count) shard(s) of \(first.files.map(\.path).joined(separator: ", ")).")
        print(ConsoleSummary.text(result), terminator: "")
        if let report { print("Report: \(report)/report.json, report.md, junit.xml, report.html") }
        let interrupted = checked.filter(\.report.interrupted).map(\.path)
        if !interrupted.isEmpty {
            printToStandardError("Incomplete: interrupted shard(s) \(interrupted.joined(separator: ", ")).")
            throw ExitCode(1)
        }
        if !result.expectationsMet { throw ExitCode(1) }
    }
}

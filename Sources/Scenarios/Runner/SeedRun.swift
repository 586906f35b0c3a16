import ChaosNet
import Triage

/// One seed of one variant, as the runner ran it.
public struct SeedRun: Sendable {
    /// The variant that ran.
    public var variant: VariantName
    /// The seed's result as reports use it.
    public var record: SeedRecord
    /// The instruction that replays this seed, worded by the runner's `ReplayFormatter`.
    public var replay: String
    /// Virtual seconds the workload's first run took (without the start jitter): the cost of one CI run.
    public var workloadSeconds: Double
    /// With `rerunAfter`: whether the failed workload, run again that long after its failure in the same world,
    /// passed; nil when no rerun was made (the seed passed, or its failure is not transient).
    public var rerunPassed: Bool?
    /// Each rerun of the chain in order, true for the one that passed (always the last, if any passed).
    public var rerunResults: [Bool]
    /// Operations of the component's run that could change its disk (`SimFileSystem.OperationKind.changesDisk`): the
    /// crash points a crash-consistency check tries.
    public var diskChangingOperations: Int
    /// In a crash-point run, the operation the power loss struck (nil if the run made fewer operations).
    public var crashPointOperation: String?
    /// The simulation's own summary: seed, outcome, virtual time, steps, digest, build.
    public var summaryLines: [String]
    /// Every trace event kept (none unless the run asked for a trace).
    public var trace: [TraceEvent]
}

extension SeedRun: CustomStringConvertible {
    /// `seed 7 (robust) passed`, or what a failure report needs: the seed, the kind, the signature, the summary,
    /// this seed's detail, and the replay instruction.
    public var description: String {
        guard let failure = record.failure else { return "seed \(record.seed) (\(variant)) passed" }
        var lines = [
            "seed \(record.seed) (\(variant)) failed [\(failure.kind.rawValue)] \(failure.signature)",
            "  \(failure.summary)",
        ]
        if !failure.detail.isEmpty { lines.append("  detail: \(failure.detail)") }
        lines.append("  replay: \(replay)")
        return lines.joined(separator: "\n")
    }
}

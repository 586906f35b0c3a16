import Scenarios
import Testing
import Triage

// Expectations for Swift Testing that say what a failing seed needs said: the seed, its failure kind and signature,
// the summary and detail, and the exact instruction that replays it (worded by the runner's `ReplayFormatter`).
//
// ```swift
// @Test(arguments: 1...100 as ClosedRange<UInt64>)
// func robustUploadsNeverDamage(seed: UInt64) throws {
//     expectNoDamage(runner.run(seed: seed, variant: .robust))
// }
// ```

/// Records an issue unless `run` passed.
public func expectSeedPassed(_ run: SeedRun, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !run.record.passed else { return }
    Issue.record(Comment(rawValue: run.description), sourceLocation: sourceLocation)
}

/// Records an issue if `run` failed in a way a rerun must never hide: damage, a hang, a timeout, a crash or a broken
/// determinism contract. Transient failures pass.
public func expectNoDamage(_ run: SeedRun, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let failure = run.record.failure, !failure.kind.mayBeRerun else { return }
    Issue.record(Comment(rawValue: run.description), sourceLocation: sourceLocation)
}

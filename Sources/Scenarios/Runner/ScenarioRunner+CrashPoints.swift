import ChaosNet
import Triage

extension ScenarioRunner {
    /// A crash-consistency check of one seed, in the manner of ALICE: the seed runs once without power losses to
    /// count the operations that change the component's disk, then once per operation with the power lost as that
    /// operation starts (the disk as every earlier one left it, under the scenario's durability model), the component
    /// restarted a second later. A crash state that breaks an invariant is a durability bug the scheduled crashes may
    /// never hit.
    public struct CrashPointSweep: Sendable {
        public struct BrokenPoint: Sendable {
            /// 1-based: the power was lost as this disk-changing operation started.
            public var point: Int
            /// What the operation was (`rename /queue/storage.db.tmp → /queue/storage.db`).
            public var operation: String
            public var failure: SeedFailure
        }

        public var seed: UInt64
        public var variant: VariantName
        /// The disk-changing operations of the run without power losses: the crash points tried.
        public var operations: Int
        /// How the run without power losses ended.
        public var clean: SeedRecord
        /// The crash points whose run failed, in order.
        public var broken: [BrokenPoint]
    }

    /// Runs the crash-consistency check of `seed` of `variant`; `progress` hears after each crash point with the
    /// number done and the total. Throws when the component's driver does not restart it after a power loss.
    public func crashPoints(
        seed: UInt64, variant: VariantName, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ScenarioRunError) -> CrashPointSweep {
        guard driver.capabilities.contains(.restartsAfterPowerLoss) else {
            throw ScenarioRunError(
                scenario: scenario.name,
                message: "the \(driver.name) component's driver does not restart it after a power loss, so it has no "
                    + "crash points to check")
        }
        let clean = run(seed: seed, variant: variant, powerLosses: .crashPoint(nil))
        let operations = clean.diskChangingOperations
        var broken: [CrashPointSweep.BrokenPoint] = []
        for point in stride(from: 1, through: operations, by: 1) {
            let crashed = run(seed: seed, variant: variant, powerLosses: .crashPoint(point))
            if let failure = crashed.record.failure {
                broken.append(CrashPointSweep.BrokenPoint(
                    point: point, operation: crashed.crashPointOperation ?? "(not reached)", failure: failure))
            }
            progress(point, operations)
        }
        return CrashPointSweep(
            seed: seed, variant: variant, operations: operations, clean: clean.record, broken: broken)
    }
}

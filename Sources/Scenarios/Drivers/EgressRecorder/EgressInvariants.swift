import ChaosComponents
import ChaosNet

/// The egress world's invariants, checked after the drain against the disk, the tracker and what the node served.
enum EgressInvariants {
    static func check(
        variant: EgressVariant, ledger: EgressLedger, disk: EgressDiskState, tracker: EgressTrackerService,
        meter: SimWorkMeter, settings: EgressSettings
    ) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let onDisk = disk.receiptCounts(excluding: tracker.batchCounts)
        let recorded = onDisk.merging(tracker.receiptCounts, uniquingKeysWith: +)
        let lost = ledger.bodySent.filter { recorded[$0] == nil }.sorted()
        if !lost.isEmpty {
            violations.append(InvariantViolation(
                .receiptsDurable,
                "\(lost.count) of \(ledger.bodySent.count) responses that sent data have no durable receipt "
                    + "(first: \(lost.prefix(3).joined(separator: ", ")))"))
        }
        let twice = recorded.filter { $0.value > 1 }.keys.sorted()
        let batchesTwice = tracker.batchCounts.filter { $0.value > 1 }.keys.sorted()
        if !twice.isEmpty || !batchesTwice.isEmpty {
            violations.append(InvariantViolation(
                .noDuplicateReceipts,
                "\(twice.count) invocations recorded more than once, \(batchesTwice.count) batches counted twice"))
        }
        // The bound is the admission bound the scenario configures. Every variant is held to it: the naive ones have
        // no bound of their own, and going past the one a bounded design keeps is the unbounded queue of Little's law.
        if meter.peakUnits > settings.permits + settings.queueCapacity {
            violations.append(InvariantViolation(
                .boundedWork,
                "\(meter.peakUnits) units in flight, above the bound of \(settings.permits + settings.queueCapacity)"))
        }
        let damaged = disk.batches.filter { !$0.nameMatches || $0.parsed.damage != nil }
        let rejected = tracker.rejected.keys.sorted()
        if !damaged.isEmpty || disk.journal?.damage != nil || !rejected.isEmpty {
            let journal = disk.journal?.damage.map { "; the journal: \($0)" } ?? ""
            violations.append(InvariantViolation(
                .batchesIntact,
                "\(damaged.count) damaged batches on disk, \(rejected.count) rejected by the tracker\(journal)"))
        }
        let pending = Set(disk.batches.map(\.cid))
        let unaccounted = ledger.rotated.filter { tracker.batchCounts[$0] == nil && !pending.contains($0) }
        // A batch on disk that nothing will ever report (its job was dropped or never enqueued) is orphaned.
        let orphaned = variant == .robust ? [] : pending.filter { tracker.batchCounts[$0] == nil }
        if !unaccounted.isEmpty || !orphaned.isEmpty {
            violations.append(InvariantViolation(
                .batchesAccounted,
                "\(unaccounted.count) rotated batches neither reported nor on disk, \(orphaned.count) on disk with "
                    + "no report pending (\(ledger.dropped.count) dropped after the last attempt, "
                    + "\(ledger.neverEnqueued.count) never enqueued)"))
        }
        if !ledger.cancelledAfterResponse.isEmpty {
            violations.append(InvariantViolation(
                .noCancellationAfterResponse,
                "\(ledger.cancelledAfterResponse.count) receipt operations failed with cancellation after their "
                    + "response (first: \(ledger.cancelledAfterResponse[0]))"))
        }
        return violations
    }
}

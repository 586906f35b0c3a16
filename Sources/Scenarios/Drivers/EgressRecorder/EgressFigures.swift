import ChaosComponents
import ChaosNet
import Triage

/// The figures of one egress seed: requests by outcome, receipts lost, duplicated and over-claimed, work in flight
/// against its bounds, latency from the scheduled start, and batches by fate.
enum EgressFigures {
    static func make(
        load: OpenLoadRunner.Result?, ledger: EgressLedger, disk: EgressDiskState, tracker: EgressTrackerService,
        meter: SimWorkMeter, settings: EgressSettings, budget: Int
    ) -> SeedFigures {
        var figures = SeedFigures()
        if let load {
            figures.count("requests", "offered", by: load.offered)
            for (outcome, count) in load.outcomes { figures.count("requests_by_outcome", outcome, by: count) }
            if let p50 = load.latencies.percentile(0.5) { figures.record("latency_p50_ms", p50.milliseconds) }
            if let p99 = load.latencies.percentile(0.99) { figures.record("latency_p99_ms", p99.milliseconds) }
            if let p999 = load.latencies.percentile(0.999) { figures.record("latency_p999_ms", p999.milliseconds) }
        }
        figures.count("requests", "served", by: ledger.bodySent.count)
        for (reason, count) in ledger.refused { figures.count("requests", "shed_\(reason)", by: count) }
        if let load {
            // Neither served nor refused by the recorder: timed out, cut off, or sent to a node that was down.
            let refused = ledger.refused.values.reduce(0, +)
            figures.count("requests", "failed", by: max(0, load.offered - ledger.bodySent.count - refused))
        }
        let recorded = disk.receiptCounts(excluding: tracker.batchCounts)
            .merging(tracker.receiptCounts, uniquingKeysWith: +)
        let lost = ledger.bodySent.filter { recorded[$0] == nil }.count
        figures.count("receipts", "lost", by: lost)
        figures.count("receipts", "duplicated", by: recorded.values.filter { $0 > 1 }.count)
        let abandoned = ledger.bodySent.subtracting(ledger.completed)
        figures.count("receipts", "over_claims", by: abandoned.filter { recorded[$0] != nil }.count)
        figures.count("receipts", "cancelled_after_response", by: ledger.cancelledAfterResponse.count)
        for (failure, count) in ledger.receiptFailures { figures.count("receipt_failures", failure, by: count) }
        for (step, count) in ledger.rotationFailures { figures.count("rotation_failures", step, by: count) }
        if !ledger.bodySent.isEmpty {
            figures.record("receipts_lost_per_10k_served", Double(lost) * 10_000 / Double(ledger.bodySent.count))
        }
        figures.record("peak_units_in_flight", Double(meter.peakUnits))
        figures.record("peak_bytes_in_flight", Double(meter.peakBytes))
        figures.record("work_bound_units", Double(settings.permits + settings.queueCapacity))
        figures.record("memory_budget_bytes", Double(budget))
        figures.count("batches", "rotated", by: ledger.rotated.count)
        figures.count("batches", "reported", by: tracker.batchCounts.count)
        let pending = disk.batches.filter { tracker.batchCounts[$0.cid] == nil }.count
        figures.count("batches", "pending_on_disk", by: pending)
        figures.count("batches", "dropped", by: ledger.dropped.count)
        figures.count("batches", "never_enqueued", by: ledger.neverEnqueued.count)
        return figures
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

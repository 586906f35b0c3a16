import ChaosComponents
import ChaosCore
import ChaosNet
import Foundation
import Scenarios
import Testing

/// A tracker that consolidates every batch it is told about, or fails while `failing` is set.
final class RecordingTracker: EgressTracker, @unchecked Sendable {
    var batches: [String] = []
    var failing = false

    func track(batch: String) async throws {
        if failing { throw HTTPStatusError(status: 503, body: "down") }
        batches.append(batch)
    }
}

@Suite("Egress recorder")
struct EgressRecorderTests {
    static func retrieval(_ index: Int) -> Retrieval {
        Retrieval(
            invocationID: "i\(index)", space: "s", digest: "p\(index)", offset: 0, length: 100, receiptSize: 2048)
    }

    @Test("a batch file round-trips; a torn tail and a flipped byte are found where they are")
    func format() {
        let receipts = (0..<3).map { Self.retrieval($0).receipt }
        var file = ReceiptBatchFormat.header
        for receipt in receipts { file += ReceiptBatchFormat.section(receipt) }
        let parsed = ReceiptBatchFormat.parse(file)
        #expect(parsed.receipts == receipts && parsed.damage == nil && parsed.validLength == file.count)
        #expect(Retrieval(receipt: parsed.receipts[1]) == Self.retrieval(1))
        #expect(ReceiptBatchFormat.header.count == 18)
        // One section is 2048 receipt bytes + a 36-byte CID + a 2-byte varint: 38 bytes of overhead.
        #expect(ReceiptBatchFormat.section(receipts[0]).count == 2048 + 38)
        let torn = Array(file.dropLast(100))
        #expect(ReceiptBatchFormat.parse(torn).receipts.count == 2)
        #expect(ReceiptBatchFormat.parse(torn).damage?.hasPrefix("torn section") == true)
        var flipped = file
        flipped[file.count - 5] ^= 1
        #expect(ReceiptBatchFormat.parse(flipped).damage?.hasPrefix("CID mismatch") == true)
        #expect(ReceiptBatchFormat.batchCID(of: file).hasPrefix("b"))
        // Without the CID check (a reader that hashed the whole file) the same sections come out, the flipped
        // receipt byte included; a torn tail is still found.
        let unchecked = ReceiptBatchFormat.sections(of: flipped, checkingCIDs: false)
        #expect(unchecked.damage == nil && unchecked.receipts.count == 3 && unchecked.validLength == file.count)
        #expect(unchecked.receipts.map { Array(file[$0]) } == receipts)
        #expect(ReceiptBatchFormat.sections(of: torn, checkingCIDs: false).damage?.hasPrefix("torn section") == true)
    }

    @Test("a receipt's invocation id is read from its first field, and nothing that is not one is taken for one")
    func invocationID() {
        let receipt = Self.retrieval(42).receipt
        #expect(Retrieval.invocationID(ofReceipt: receipt[...]) == "i42")
        #expect(Retrieval.invocationID(ofReceipt: receipt[3...]) == nil)
        #expect(Retrieval.invocationID(ofReceipt: Array("inv= space=s".utf8)[...]) == nil)
        #expect(Retrieval.invocationID(ofReceipt: Array("inv=i1\n".utf8)[...]) == nil)
        #expect(Retrieval.invocationID(ofReceipt: Array("inv=i1".utf8)[...]) == nil)
    }

    /// Opens a recorder of `variant` on `fileSystem`, records `count` retrievals at once, and returns the decisions.
    static func recordAll(
        _ variant: EgressVariant, count: Int, settings: EgressSettings, fileSystem: SimFileSystem,
        tracker: RecordingTracker, simulation: Simulation, meter: any WorkMeter
    ) async throws -> [EgressRecorder<SimClock>.Decision] {
        let tasks = SimBackgroundTasks(simulation: simulation)
        let jitter = simulation.random("jitter")
        let recorder = try await EgressRecorder.open(
            variant: variant, settings: settings, fileSystem: fileSystem, clock: simulation.clock, tracker: tracker,
            background: tasks, meter: meter, jitter: { jitter.unitInterval() }, events: { _ in })
        let requests = (0..<count).map { index in
            simulation.spawn(name: "request \(index)") {
                await recorder.record(Self.retrieval(index), scope: RequestScope())
            }
        }
        var decisions: [EgressRecorder<SimClock>.Decision] = []
        for request in requests { decisions.append(try await request.value) }
        try await simulation.clock.sleep(for: .seconds(5))
        await recorder.stop()
        tasks.cancelAll()
        return decisions
    }

    @Test("robust: what it said serve survives a power loss; naive: its unsynced receipts do not")
    func durability() throws {
        for variant in [EgressVariant.robust, .naive] {
            let result = Simulation(seed: 5).run { simulation in
                let fileSystem = SimFileSystem(latency: .ssd, clock: simulation.clock)
                var settings = EgressSettings()
                settings.maxBatchBytes = 20_000
                let tracker = RecordingTracker()
                tracker.failing = true
                let decisions = try await Self.recordAll(
                    variant, count: 50, settings: settings, fileSystem: fileSystem, tracker: tracker,
                    simulation: simulation, meter: CountingWorkMeter())
                fileSystem.crash()
                var found = 0
                for name in try await fileSystem.listDirectory(at: settings.directory) {
                    found += ReceiptBatchFormat.parse(
                        try await fileSystem.readFile(at: settings.directory + "/" + name)).receipts.count
                }
                return (decisions.filter { $0 == .serve }.count, found)
            }
            let (served, durable) = try #require(result.value).get()
            #expect(served == 50)
            #expect(durable == (variant == .robust ? 50 : 0), "\(variant)")
        }
    }

    @Test("robust: on a stalled disk it admits permits + queue and sheds the rest with 503 at once")
    func shedding() throws {
        let result = Simulation(seed: 2).run { simulation in
            let plan = ChaosNet.FaultPlan(simulation)
            plan.add(FileSystemFault(name: "stall", kind: .stall, activity: .windows([
                FaultWindow(start: .milliseconds(10), end: .seconds(3)),
            ])))
            let fileSystem = SimFileSystem(latency: .ssd, clock: simulation.clock, faultPlan: plan)
            var settings = EgressSettings()
            settings.permits = 4
            settings.queueCapacity = 8
            settings.maxQueueWait = .seconds(10)
            let meter = CountingWorkMeter()
            let tasks = SimBackgroundTasks(simulation: simulation)
            let recorder = try await EgressRecorder.open(
                variant: .robust, settings: settings, fileSystem: fileSystem, clock: simulation.clock,
                tracker: RecordingTracker(), background: tasks, meter: meter, jitter: { 0.5 }, events: { _ in })
            try await simulation.clock.sleep(for: .milliseconds(20))
            let requests = (0..<30).map { index in
                simulation.spawn(name: "request \(index)") {
                    await recorder.record(Self.retrieval(index), scope: RequestScope())
                }
            }
            var decisions: [EgressRecorder<SimClock>.Decision] = []
            for request in requests { decisions.append(try await request.value) }
            await recorder.stop()
            tasks.cancelAll()
            return (decisions, meter.reading.peakUnits)
        }
        let (decisions, peak) = try #require(result.value).get()
        #expect(decisions.filter { $0 == .serve }.count == 12)
        #expect(decisions.filter { $0 == .refuse(reason: "egress_overloaded", retryAfterSeconds: 1) }.count == 18)
        #expect(peak == 12)
    }

    /// A shipped egress scenario with `replacements` applied to its text (shorter loads, so that a debug test runs it
    /// in seconds), loaded as a file would be.
    static func shippedRunner(_ name: String, replacing replacements: [(String, String)]) throws -> ScenarioRunner {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/\(name).yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "\(name).yaml no longer has '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let scenario = try ScenarioLoader.parse(text, path: "\(name)-short.yaml")
        return try ScenarioRunner(scenario: scenario, file: "\(name)-short.yaml")
    }

    @Test("egress-burst: robust passes with every receipt durable; naive-scoped loses receipts to cancellation")
    func burstScenario() throws {
        let runner = try Self.shippedRunner(
            "egress-burst", replacing: [("run_for: 30s", "run_for: 8s"), ("drain: 2m", "drain: 30s")])
        let robust = runner.run(seed: 1, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        let scoped = runner.run(seed: 1, variant: VariantName("naive-scoped"))
        #expect(scoped.record.failure?.signature.contains("no_cancellation_after_response") == true, "\(scoped)")
        #expect(scoped.record.failure?.signature.contains("receipts_durable") == true)
        // The same seed again, in process: the same trace digest.
        #expect(runner.run(seed: 1, variant: VariantName("robust")).record.digest == robust.record.digest)
    }

    static func signature(_ run: SeedRun) -> String { run.record.failure?.signature ?? "passed" }

    @Test("egress-disk-stall: a 3 s stall piles naive's work past the bound; robust sheds and stays within it")
    func diskStallScenario() throws {
        // One scripted 3 s stall at 200/s: about 600 pending receipts for naive, above the bound of 320.
        let runner = try Self.shippedRunner("egress-disk-stall", replacing: [
            ("activity: {episodes: {mean_gap: 5s, mean_duration: 2s}}", "activity: {windows: [{start: 2s, end: 5s}]}"),
            ("run_for: 20s", "run_for: 6s"), ("drain: 2m", "drain: 30s"),
        ])
        let naive = runner.run(seed: 1, variant: VariantName("naive"))
        #expect(Self.signature(naive).contains("bounded_work"), "\(naive)")
        #expect(naive.record.figures.samples["peak_units_in_flight"]?.first ?? 0 > 320)
        let robust = runner.run(seed: 1, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        #expect(robust.record.figures.samples["peak_units_in_flight"]?.first ?? .infinity <= 320)
        #expect(robust.record.figures.counters["requests"]?["shed_egress_overloaded"] ?? 0 > 0)
    }

    @Test("egress-enospc: naive serves data whose receipt failed; robust refuses with 503 and loses nothing")
    func enospcScenario() throws {
        let runner = try Self.shippedRunner("egress-enospc", replacing: [
            ("windows: [{start: 8s, end: 16s}]", "windows: [{start: 2s, end: 4s}]"),
            ("run_for: 20s", "run_for: 5s"), ("drain: 2m", "drain: 30s"),
        ])
        let naive = runner.run(seed: 2, variant: VariantName("naive"))
        #expect(Self.signature(naive).contains("receipts_durable"), "\(naive)")
        let robust = runner.run(seed: 2, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        #expect(robust.record.figures.counters["requests"]?["shed_egress_receipt_unavailable"] ?? 0 > 0)
        #expect(robust.record.figures.counters["receipts"]?["lost"] == 0)
    }

    @Test("egress-crash: naive loses unsynced receipts at a power loss; robust keeps every one")
    func crashScenario() throws {
        let runner = try Self.shippedRunner("egress-crash", replacing: [
            ("activity: {episodes: {mean_gap: 8s, mean_duration: 1s}}", "activity: {windows: [{start: 2s, end: 3s}]}"),
            ("run_for: 20s", "run_for: 5s"), ("drain: 2m", "drain: 30s"),
        ])
        let naive = runner.run(seed: 3, variant: VariantName("naive"))
        #expect(Self.signature(naive).contains("receipts_durable"), "\(naive)")
        let robust = runner.run(seed: 3, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        #expect(robust.record.figures.counters["requests"]?["failed"] ?? 0 > 0, "requests to the node while it was off")
    }

    @Test("egress-tracker-outage: naive drops the batches of the outage; robust reports every one after it")
    func trackerOutageScenario() throws {
        let runner = try Self.shippedRunner("egress-tracker-outage", replacing: [("run_for: 30s", "run_for: 8s")])
        let naive = runner.run(seed: 4, variant: VariantName("naive"))
        #expect(Self.signature(naive).contains("batches_accounted"), "\(naive)")
        #expect(naive.record.figures.counters["batches"]?["dropped"] ?? 0 > 0)
        let robust = runner.run(seed: 4, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        let batches = robust.record.figures.counters["batches"] ?? [:]
        #expect(batches["rotated"] ?? 0 > 0)
        #expect(batches["reported"] == batches["rotated"])
    }

    @Test("egress-rotate-fail: naive's failed rename leaves no journal open; robust keeps recording and rotates later")
    func rotateFailScenario() throws {
        let runner = try Self.shippedRunner("egress-rotate-fail", replacing: [
            ("run_for: 20s", "run_for: 6s"), ("drain: 2m", "drain: 30s"),
        ])
        let naive = runner.run(seed: 5, variant: VariantName("naive"))
        #expect(Self.signature(naive).contains("receipts_durable"), "\(naive)")
        let robust = runner.run(seed: 5, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        #expect(robust.record.figures.counters["rotation_failures"]?["rename"] == 1)
        #expect(robust.record.figures.counters["batches"]?["rotated"] ?? 0 > 0)
    }
}

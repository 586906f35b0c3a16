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

    /// egress-burst, shortened to 8 s of load so that a debug test runs it in seconds.
    static func shortBurstRunner() throws -> ScenarioRunner {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/egress-burst.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "run_for: 30s", with: "run_for: 8s")
            .replacingOccurrences(of: "drain: 2m", with: "drain: 30s")
        let scenario = try ScenarioLoader.parse(text, path: "egress-burst-short.yaml")
        return try ScenarioRunner(scenario: scenario, file: "egress-burst-short.yaml")
    }

    @Test("egress-burst: robust passes with every receipt durable; naive-scoped loses receipts to cancellation")
    func burstScenario() throws {
        let runner = try Self.shortBurstRunner()
        let robust = runner.run(seed: 1, variant: VariantName("robust"))
        #expect(robust.record.failure == nil, "\(robust)")
        let scoped = runner.run(seed: 1, variant: VariantName("naive-scoped"))
        #expect(scoped.record.failure?.signature.contains("no_cancellation_after_response") == true, "\(scoped)")
        #expect(scoped.record.failure?.signature.contains("receipts_durable") == true)
        // The same seed again, in process: the same trace digest.
        #expect(runner.run(seed: 1, variant: VariantName("robust")).record.digest == robust.record.digest)
    }
}

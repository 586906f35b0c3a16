import ChaosCore
import ChaosNet
import Testing

@Suite("Work meter and crash outcome")
struct SimWorkMeterTests {
    @Test("work past the memory budget ends the run as a crash naming the budget, at the step that blew it")
    func budgetCrash() {
        let simulation = Simulation(seed: 3)
        let result = simulation.run { simulation in
            let budget = SimWorkMeter.Budget(bytes: 10_000, cause: "test.oom")
            let meter = SimWorkMeter(simulation: simulation, budget: budget)
            for _ in 0..<20 {
                try await simulation.clock.sleep(for: .milliseconds(100))
                meter.begin(bytes: 1_000)
            }
            return meter.units
        }
        guard case let .crash(report) = result.outcome else {
            Issue.record("expected a crash, got \(result.outcome)")
            return
        }
        #expect(report.cause == "test.oom")
        #expect(report.detail == "11 units held 11000 B")
        #expect(report.atNanoseconds == 1_100_000_000)
        #expect(result.outcome.name == "crash")
    }

    @Test("peaks and per-second peaks follow begin and end")
    func peaks() {
        let result = Simulation(seed: 1).run { simulation in
            let meter = SimWorkMeter(simulation: simulation, budget: nil)
            meter.begin(bytes: 10)
            meter.begin(bytes: 20)
            meter.end(bytes: 10)
            try await simulation.clock.sleep(for: .seconds(1))
            meter.begin(bytes: 5)
            return (meter.units, meter.bytes, meter.peakUnits, meter.peakBytes, meter.seconds.map(\.peakBytes))
        }
        let (units, bytes, peakUnits, peakBytes, perSecond) = try! result.value!.get()
        #expect(units == 2 && bytes == 25 && peakUnits == 2 && peakBytes == 30)
        #expect(perSecond == [30, 25])
    }

    @Test("a stall episode makes every disk operation wait for its end")
    func stall() {
        let result = Simulation(seed: 1).run { simulation in
            let plan = FaultPlan(simulation)
            plan.add(FileSystemFault(
                name: "stall", kind: .stall,
                activity: .windows([FaultWindow(start: .seconds(1), end: .seconds(3))])))
            let fileSystem = SimFileSystem(latency: .ssd, clock: simulation.clock, faultPlan: plan)
            let handle = try await fileSystem.openForWriting(at: "/j", mode: 0o644, disposition: .overwrite)
            try await handle.append([1, 2, 3])
            let before = simulation.now
            try await simulation.clock.sleep(until: SimClock.Instant(offset: .seconds(2)))
            try await handle.append([4])
            return (before.offset < .milliseconds(1), simulation.now.offset)
        }
        let (quick, afterStall) = try! result.value!.get()
        #expect(quick)
        // The append started at 2 s waits for the stall's end at 3 s, then costs 50 µs plus its transfer.
        #expect(afterStall > .seconds(3) && afterStall < .seconds(3) + .milliseconds(1))
    }
}

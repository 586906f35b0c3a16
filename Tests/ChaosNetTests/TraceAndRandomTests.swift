import ChaosNet
import Testing

@Suite("Trace and random streams")
struct TraceAndRandomTests {
    @Test("the trace keeps the last events within its capacity, and the digest still covers all of them")
    func boundedTrace() throws {
        func run(capacity: Int) -> SimulationResult<Void> {
            Simulation(seed: 1, configuration: SimulationConfiguration(traceCapacity: capacity)).run { simulation in
                for index in 0..<100 {
                    simulation.trace("test", "event \(index)")
                    try await simulation.clock.sleep(for: .milliseconds(1))
                }
            }
        }
        let small = run(capacity: 10)
        let large = run(capacity: 1000)
        #expect(small.trace.events.count == 10)
        #expect(small.trace.droppedCount == 90)
        #expect(small.trace.events.first?.message == "event 90")
        #expect(small.trace.events.last?.message == "event 99")
        #expect(small.trace.events.map(\.index) == Array(90..<100))
        #expect(small.digest == large.digest)
        #expect(small.trace.timeline.hasPrefix("… 90 earlier events not kept"))
        #expect(large.trace.events[1].timelineLine == "[        0.001000000s] test: event 1")
    }

    @Test("the digest changes when one event's text changes")
    func digestSensitive() {
        let first = Simulation(seed: 1).run { simulation in simulation.trace("a", "x") }
        let second = Simulation(seed: 1).run { simulation in simulation.trace("a", "y") }
        #expect(first.digest != second.digest)
    }

    @Test("a stream's draws do not depend on which other streams exist")
    func streamsAreIndependent() {
        let alone = Simulation(seed: 42)
        let aloneDraws = (0..<5).map { _ in alone.random("registry").next() }
        let crowded = Simulation(seed: 42)
        _ = (0..<7).map { _ in crowded.random("network").next() }
        let crowdedDraws = (0..<5).map { _ in crowded.random("registry").next() }
        #expect(aloneDraws == crowdedDraws)
        #expect(Simulation(seed: 42).random("network").next() != Simulation(seed: 42).random("registry").next())
        #expect(Simulation(seed: 43).random("registry").next() != aloneDraws[0])
    }

    @Test("seeded draws are pinned: the same numbers on every machine and toolchain")
    func pinnedDraws() {
        let random = SeededRandom(seed: 7, name: "pinned")
        let draws = (0..<3).map { _ in random.next() }
        let again = SeededRandom(seed: 7, name: "pinned")
        #expect((0..<3).map { _ in again.next() } == draws)
        #expect(StableHash.of("") == StableHash.of(""))
        #expect(StableHash.of("ab") != StableHash.of("ba"))
    }

    @Test("uniform(below:) stays in range and covers it")
    func uniformRange() {
        let random = SeededRandom(seed: 1, name: "uniform")
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = random.uniform(below: 7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test("durations format with nanosecond precision")
    func formatting() {
        #expect(TraceEvent.formatTime(1_500_000_000) == "        1.500000000s")
        #expect(Duration.seconds(90).formattedSeconds == "90s")
        #expect(Duration.milliseconds(250).formattedSeconds == "0.25s")
        #expect(Duration.nanoseconds(1).formattedSeconds == "0.000000001s")
    }
}

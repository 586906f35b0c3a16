import ChaosNet
import Testing

@Suite("Trace difference")
struct TraceDifferenceTests {
    @Test("equal timelines have no difference")
    func equal() {
        #expect(TraceDifference.between(["a", "b"], ["a", "b"]) == nil)
        #expect(TraceDifference.between([], []) == nil)
    }

    @Test("the first differing event is reported with both sides")
    func differing() {
        #expect(TraceDifference.between(["a", "b", "c"], ["a", "x", "c"])
            == TraceDifference(index: 1, first: "b", second: "x"))
    }

    @Test("a timeline that ends early differs where it ends")
    func shorter() {
        #expect(TraceDifference.between(["a"], ["a", "b"]) == TraceDifference(index: 1, first: nil, second: "b"))
        #expect(TraceDifference.between(["a", "b"], ["a"]) == TraceDifference(index: 1, first: "b", second: nil))
    }

    @Test("two runs of different seeds part at the first event that depends on the seed")
    func realTraces() {
        func timeline(_ seed: UInt64) -> [String] {
            Simulation(seed: seed).run { simulation in
                for index in 0..<3 {
                    simulation.trace("test", "step \(index)")
                }
                let random = simulation.random("draw")
                simulation.trace("test", "drew \(random.uniform(below: 1_000_000))")
            }.trace.events.map(\.timelineLine)
        }
        let difference = TraceDifference.between(timeline(1), timeline(2))
        #expect(difference?.first?.contains("drew") == true)
        #expect(TraceDifference.between(timeline(3), timeline(3)) == nil)
    }
}

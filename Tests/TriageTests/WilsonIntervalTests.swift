import Testing
import Triage

@Suite("Wilson interval")
struct WilsonIntervalTests {
    // Reference values computed independently from the closed form with z = 1.959963984540054.
    @Test("matches hand-computed intervals", arguments: [
        (5, 100, 0.021_543_679, 0.111_750_469),
        (0, 10, 0.0, 0.277_532_800),
        (10, 10, 0.722_467_200, 1.0),
        (1, 1000, 0.000_176_546, 0.005_642_559),
        (50, 1000, 0.038_130_262, 0.065_313_820),
    ])
    func handComputed(failures: Int, trials: Int, lower: Double, upper: Double) {
        let interval = WilsonInterval(failures: failures, trials: trials)
        #expect(abs(interval.lower - lower) < 1e-8)
        #expect(abs(interval.upper - upper) < 1e-8)
    }

    @Test("no trials means total uncertainty")
    func noTrials() {
        #expect(WilsonInterval(failures: 0, trials: 0) == WilsonInterval(failures: 0, trials: 0))
        let interval = WilsonInterval(failures: 0, trials: 0)
        #expect(interval.lower == 0 && interval.upper == 1)
    }

    @Test("the interval narrows as trials grow at the same rate")
    func narrows() {
        let small = WilsonInterval(failures: 5, trials: 100)
        let large = WilsonInterval(failures: 500, trials: 10_000)
        #expect(large.upper - large.lower < small.upper - small.lower)
        #expect(large.lower < 0.05 && 0.05 < large.upper)
    }
}

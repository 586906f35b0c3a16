import ChaosNet

/// The fault plan's host in live mode: the scenario's time is the wall time since the services started divided by
/// the time scale, and the random streams are the seed's, named as in a simulation, so episodes and toxicity draws
/// follow from the seed as they do there. Firings go to the event log with their wall time.
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveFaultClock: FaultPlanHost, @unchecked Sendable {
    let seed: UInt64
    /// Scenario seconds per wall second's worth: 0.01 plays a 20 s episode in 0.2 s.
    let timeScale: Double
    private let start = ContinuousClock.now
    private let log: LiveEventLog
    private var streams: [String: SeededRandom] = [:]

    init(seed: UInt64, timeScale: Double, log: LiveEventLog) {
        precondition(timeScale > 0, "the time scale is positive")
        self.seed = seed
        self.timeScale = timeScale
        self.log = log
    }

    var faultTimeNanoseconds: Int64 {
        let elapsed = ContinuousClock.now - start
        let wall = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return Int64(wall / timeScale)
    }

    /// The scenario's time since the start, in seconds.
    var scenarioSeconds: Double { Double(faultTimeNanoseconds) / 1e9 }

    func random(_ name: String) -> SeededRandom {
        if let stream = streams[name] { return stream }
        let stream = SeededRandom(seed: seed, name: name)
        streams[name] = stream
        return stream
    }

    /// Forgets the streams of the fault named `name`, so that a fault added again draws its episodes afresh from the
    /// seed (the same episodes as the first time) rather than from where its stream had got to.
    func forgetStreams(ofFault name: String) {
        for key in streams.keys where key.hasPrefix("fault.\(name).") { streams[key] = nil }
    }

    /// A wall duration for a scenario duration.
    func wallDuration(_ duration: Duration) -> Duration {
        duration * timeScale
    }

    func trace(_ source: String, _ message: String) {
        log.record(source, message, scenarioSeconds: scenarioSeconds)
    }
}

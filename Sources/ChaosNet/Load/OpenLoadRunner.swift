/// Drives an open load in a simulation: every arrival starts its own task at its scheduled instant, whatever the
/// earlier requests are doing (they never hold the next one back), and its latency is measured from that instant.
public enum OpenLoadRunner {
    /// What a load run did.
    public struct Result: Sendable, Equatable {
        /// Requests issued.
        public var offered: Int
        /// Requests by the outcome `perform` named (`200`, `503`, `timeout`, …).
        public var outcomes: [String: Int]
        /// Latency from each request's scheduled arrival to the end of `perform`.
        public var latencies: LatencySummary
        /// Requests that started after their scheduled instant (always 0 for an open load; kept as a check).
        public var startedLate: Int
    }

    /// Issues the arrivals of `schedule` due before `end`, each in its own task running `perform`, then waits for
    /// every one of them. Call from a task of `simulation`.
    public static func run(
        _ schedule: ArrivalSchedule, in simulation: Simulation, until end: SimClock.Instant,
        perform: @escaping @Sendable (ScheduledArrival) async -> String
    ) async -> Result {
        let clock = simulation.clock
        var tasks: [SimTask<(String, Duration, Bool)>] = []
        while let arrival = schedule.next(before: end) {
            // A cancelled load (its process died, the run is being torn down) offers nothing more: an arrival issued
            // now would start before its scheduled instant and time a negative latency.
            do { try await clock.sleep(until: arrival.at) } catch { break }
            tasks.append(simulation.spawn(name: "load request #\(arrival.index)") {
                let late = clock.now > arrival.at
                let outcome = await perform(arrival)
                return (outcome, arrival.at.duration(to: clock.now), late)
            })
        }
        var outcomes: [String: Int] = [:]
        var latencies: [Duration] = []
        var late = 0
        for task in tasks {
            guard let (outcome, latency, startedLate) = try? await task.value else {
                outcomes["cancelled", default: 0] += 1
                continue
            }
            outcomes[outcome, default: 0] += 1
            latencies.append(latency)
            if startedLate { late += 1 }
        }
        return Result(
            offered: tasks.count, outcomes: outcomes, latencies: LatencySummary(latencies), startedLate: late)
    }
}

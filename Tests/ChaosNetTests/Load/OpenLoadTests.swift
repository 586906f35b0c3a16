import ChaosNet
import HTTPTypes
import Testing

/// The open load generator: Poisson arrivals with bursts, log-normal bodies, ranges, and latency from the
/// scheduled arrival. Counts are checked against the process's own spread (five standard deviations of a Poisson
/// count), so a check fails only if the process is wrong, not by bad luck of one seed.
@Suite struct OpenLoadTests {
    static let sizes = BodySizeDistribution(median: 256 << 10, sigma: 1.5, cap: 8 << 20)

    func arrivals(_ profile: LoadProfile, seed: UInt64, for seconds: Int) -> [ScheduledArrival] {
        let schedule = ArrivalSchedule(
            profile: profile, random: SeededRandom(seed: seed, name: "load"),
            burstRandom: SeededRandom(seed: seed, name: "load.bursts"))
        let end = SimClock.Instant(offset: .seconds(seconds))
        return Array(sequence(state: schedule) { $0.next(before: end) })
    }

    /// Whether `count` is within five standard deviations of a Poisson count of mean `mean`.
    func isPoissonCount(_ count: Int, mean: Double) -> Bool {
        abs(Double(count) - mean) <= 5 * mean.squareRoot()
    }

    @Test func arrivalsComeAtTheRateAndTheSameSeedGivesTheSameArrivals() {
        let profile = LoadProfile(arrivalsPerSecond: 200, bodySize: Self.sizes)
        let first = arrivals(profile, seed: 7, for: 600)
        #expect(isPoissonCount(first.count, mean: 200 * 600), "\(first.count) arrivals in 600 s at 200/s")
        #expect(first.map(\.index) == Array(0..<first.count))
        #expect(zip(first, first.dropFirst()).allSatisfy { $0.at < $1.at })
        #expect(arrivals(profile, seed: 7, for: 600) == first)
        #expect(arrivals(profile, seed: 8, for: 600).prefix(10) != first.prefix(10))
    }

    @Test func theHorizonsAskedNeverChangeTheArrivals() {
        let profile = LoadProfile(arrivalsPerSecond: 50, bodySize: Self.sizes)
        let schedule = ArrivalSchedule(
            profile: profile, random: SeededRandom(seed: 3, name: "load"),
            burstRandom: SeededRandom(seed: 3, name: "load.bursts"))
        var stepwise: [ScheduledArrival] = []
        for second in 1...60 {
            let horizon = SimClock.Instant(offset: .seconds(second))
            while let arrival = schedule.next(before: horizon) { stepwise.append(arrival) }
        }
        #expect(stepwise == arrivals(profile, seed: 3, for: 60))
    }

    @Test func burstsMultiplyTheRateWhileTheyLastAndOnlyThen() {
        let burst = LoadProfile.Burst(
            factor: 10, activity: .episodes(meanGap: .seconds(10), meanDuration: .seconds(2)))
        let profile = LoadProfile(arrivalsPerSecond: 200, burst: burst, bodySize: Self.sizes)
        let schedule = ArrivalSchedule(
            profile: profile, random: SeededRandom(seed: 11, name: "load"),
            burstRandom: SeededRandom(seed: 11, name: "load.bursts"))
        let end = SimClock.Instant(offset: .seconds(300))
        var inBursts = 0
        var outside = 0
        while let arrival = schedule.next(before: end) {
            if schedule.isBursting(at: arrival.at) { inBursts += 1 } else { outside += 1 }
        }
        // The time bursting, measured on the same schedule in 10 ms steps (episodes last 2 s on average).
        var burstSteps = 0
        for step in 0..<30_000 where schedule.isBursting(at: SimClock.Instant(offset: .milliseconds(10 * step))) {
            burstSteps += 1
        }
        let burstSeconds = Double(burstSteps) / 100
        // About 2 s in every 12 s: 50 s expected, from some 25 episodes.
        #expect(burstSeconds > 5 && burstSeconds < 120, "\(burstSeconds) s of 300 s bursting")
        #expect(isPoissonCount(inBursts, mean: 2000 * burstSeconds), "\(inBursts) in \(burstSeconds) s at 2000/s")
        #expect(isPoissonCount(outside, mean: 200 * (300 - burstSeconds)), "\(outside) outside bursts at 200/s")
    }

    @Test func bodiesAreLogNormalAroundTheMedianCappedAndAFractionAreRanges() {
        let profile = LoadProfile(arrivalsPerSecond: 1000, bodySize: Self.sizes, rangeFraction: 0.1)
        let drawn = arrivals(profile, seed: 5, for: 100)
        let sizes = drawn.map(\.bodySize).sorted()
        let median = Double(sizes[sizes.count / 2])
        // The sample median of n log-normal draws has a relative spread of about 1.25 σ / √n: 0.6% here.
        #expect(abs(median / Double(256 << 10) - 1) < 0.03, "median \(median)")
        #expect(sizes.last! <= 8 << 20 && sizes.first! >= 1)
        // P(size ≥ cap) = P(Z ≥ ln(32) / 1.5) ≈ 1.04%: the cap is reached, and not by most.
        let capped = sizes.filter { $0 == 8 << 20 }.count
        #expect(capped > 0 && Double(capped) < 0.03 * Double(sizes.count), "\(capped) capped")
        let ranges = drawn.compactMap(\.range)
        let expected = 0.1 * Double(drawn.count)
        #expect(abs(Double(ranges.count) - expected) <= 5 * (expected * 0.9).squareRoot(), "\(ranges.count) ranges")
        for (arrival, range) in zip(drawn.filter { $0.range != nil }, ranges) {
            #expect(range.offset >= 0 && range.length >= 1 && range.offset + range.length <= arrival.bodySize)
        }
    }

    @Test func latencyIsMeasuredFromTheScheduledArrivalSoAStalledServerCannotHideItsQueue() throws {
        // The server answers one request at a time, 20 ms each, while requests arrive at 100/s (twice what it
        // can do): a queue builds. A closed generator would wait for each answer and report 20 ms; the open one
        // keeps to the schedule, and the latencies show the queue.
        let result = Simulation(seed: 4).run { simulation -> OpenLoadRunner.Result in
            let network = SimNetwork(simulation, defaultLink: LinkConditions(latency: .microseconds(100)))
            network.addHost("clients")
            network.addHost("server")
            let worker = SerialWorker(clock: simulation.clock)
            let server = try SimHTTPServer(network: network, host: "server", port: 80) { _ in
                try await worker.serve(for: .milliseconds(20))
                return .text(.ok, "ok")
            }
            server.start()
            let client = SimHTTPClient(network: network, host: "clients")
            let schedule = ArrivalSchedule(
                profile: LoadProfile(
                    arrivalsPerSecond: 100, bodySize: BodySizeDistribution(median: 1, sigma: 0, cap: 1)),
                simulation: simulation)
            let result = await OpenLoadRunner.run(
                schedule, in: simulation, until: SimClock.Instant(offset: .seconds(2))
            ) { _ in
                let request = HTTPRequest(method: .get, scheme: "http", authority: "server:80", path: "/")
                guard let response = try? await client.execute(request, body: nil, timeouts: HTTPTimeouts()) else {
                    return "error"
                }
                _ = try? await response.body.collect(upTo: 1 << 10)
                return String(response.head.status.code)
            }
            server.stop()
            return result
        }
        let run = try #require(try result.value?.get())
        #expect(run.startedLate == 0)
        #expect(run.outcomes == ["200": run.offered])
        #expect(isPoissonCount(run.offered, mean: 200))
        // About 200 requests of 20 ms each: the last waits for nearly all the others, about 2 s after its arrival.
        let p50 = try #require(run.latencies.percentile(0.5))
        let p99 = try #require(run.latencies.percentile(0.99))
        #expect(p50 > .milliseconds(200), "p50 \(p50)")
        #expect(p99 > .seconds(1), "p99 \(p99)")
        #expect(run.latencies.percentile(0)! >= .milliseconds(20))
    }

    @Test func aCancelledLoadOffersNothingMoreAndNoLatencyIsNegative() throws {
        // The load is cancelled at 1 s of a 10 s schedule (its process died): arrivals due later are not issued at
        // once, before their instants, as they would be if the runner ignored the cancelled sleep.
        let result = Simulation(seed: 9).run { simulation -> OpenLoadRunner.Result in
            let schedule = ArrivalSchedule(
                profile: LoadProfile(
                    arrivalsPerSecond: 100, bodySize: BodySizeDistribution(median: 1, sigma: 0, cap: 1)),
                simulation: simulation)
            let clock = simulation.clock
            let load = simulation.spawn(name: "load") {
                await OpenLoadRunner.run(schedule, in: simulation, until: SimClock.Instant(offset: .seconds(10))) { _ in
                    try? await clock.sleep(for: .milliseconds(5))
                    return "ok"
                }
            }
            try await clock.sleep(for: .seconds(1))
            load.cancel()
            return try await load.value
        }
        let run = try #require(try result.value?.get())
        #expect(isPoissonCount(run.offered, mean: 100), "offered \(run.offered)")
        #expect(run.latencies.percentile(0)! >= .zero)
        #expect(run.startedLate == 0)
    }

    @Test func percentilesAreNearestRank() {
        let summary = LatencySummary((1...1000).map { Duration.milliseconds($0) })
        #expect(summary.percentile(0.5) == .milliseconds(500))
        #expect(summary.percentile(0.99) == .milliseconds(990))
        #expect(summary.percentile(0.999) == .milliseconds(999))
        #expect(summary.percentile(1) == .milliseconds(1000))
        #expect(LatencySummary([]).percentile(0.5) == nil)
    }
}

/// One request at a time, in arrival order: a server with a single worker.
final class SerialWorker: @unchecked Sendable {
    private let clock: SimClock
    /// When the worker is free again.
    private var freeAt: SimClock.Instant?

    init(clock: SimClock) {
        self.clock = clock
    }

    /// Waits for the worker, then holds it for `duration`.
    func serve(for duration: Duration) async throws {
        let start = max(clock.now, freeAt ?? clock.now)
        let end = start.advanced(by: duration)
        freeAt = end
        try await clock.sleep(until: end)
    }
}

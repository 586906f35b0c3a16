/// One request of an open load: when it is due (the instant its latency is measured from, so that a slow server
/// cannot hide its queueing — no coordinated omission), how large a body it asks for, and which range of it.
public struct ScheduledArrival: Sendable, Equatable {
    /// 0, 1, 2, … in arrival order.
    public var index: Int
    public var at: SimClock.Instant
    /// The whole body's size in bytes.
    public var bodySize: Int
    /// The range asked for (offset, length), nil for the whole body.
    public var range: (offset: Int, length: Int)?

    public static func == (a: ScheduledArrival, b: ScheduledArrival) -> Bool {
        a.index == b.index && a.at == b.at && a.bodySize == b.bodySize && a.range?.offset == b.range?.offset
            && a.range?.length == b.range?.length
    }
}

/// The arrivals of a `LoadProfile`, drawn lazily and in order from named random streams: `load` for gaps, thinning,
/// sizes and ranges, `load.bursts` for the burst episodes (the fault plan's on/off process). The same seed gives
/// the same arrivals; later draws never change earlier arrivals.
///
/// A time-varying Poisson process by thinning: candidates arrive at the peak rate and each is kept with probability
/// rate(t) / peak rate.
///
/// Not thread-safe: use on the simulation's thread (or one thread outside a simulation).
public final class ArrivalSchedule: @unchecked Sendable {
    public let profile: LoadProfile
    private let random: SeededRandom
    private let bursts: FaultSchedule?
    private var candidateTime: Int64
    /// A candidate drawn beyond an earlier horizon, kept so that the horizons asked never change the arrivals.
    private var pendingCandidate: Int64?
    private var nextIndex = 0

    /// Arrivals from `start`, drawing from `random` and, for bursts, from `burstRandom`.
    public init(
        profile: LoadProfile, random: SeededRandom, burstRandom: SeededRandom,
        start: SimClock.Instant = SimClock.Instant(nanosecondsSinceEpoch: 0)
    ) {
        self.profile = profile
        self.random = random
        bursts = profile.burst.map { FaultSchedule(activity: $0.activity, random: burstRandom) }
        candidateTime = start.nanosecondsSinceEpoch
    }

    /// The arrivals of `simulation`'s world, from its streams `load` and `load.bursts`.
    public convenience init(profile: LoadProfile, simulation: Simulation) {
        self.init(
            profile: profile, random: simulation.random("load"), burstRandom: simulation.random("load.bursts"),
            start: simulation.now)
    }

    /// Whether a burst is on at `time`.
    public func isBursting(at time: SimClock.Instant) -> Bool {
        bursts?.isActive(at: time.nanosecondsSinceEpoch) ?? false
    }

    /// The next arrival due before `horizon`, nil when the next one would be later (it stays undrawn).
    public func next(before horizon: SimClock.Instant) -> ScheduledArrival? {
        let peak = profile.peakArrivalsPerSecond
        let meanGap = Duration.nanoseconds(Int64((1e9 / peak).rounded()))
        while true {
            let time = pendingCandidate
                ?? saturatingAdd(candidateTime, max(1, random.exponential(mean: meanGap).nanosecondsClamped))
            guard time < horizon.nanosecondsSinceEpoch else {
                pendingCandidate = time
                return nil
            }
            pendingCandidate = nil
            candidateTime = time
            let instant = SimClock.Instant(nanosecondsSinceEpoch: time)
            let rate = isBursting(at: instant) ? peak : profile.arrivalsPerSecond
            // Thinning: one draw per candidate, even at the peak rate, so the stream's use does not depend on bursts.
            let kept = random.unitInterval() < rate / peak
            guard kept else { continue }
            let size = profile.bodySize.draw(random)
            var range: (Int, Int)?
            if random.chance(profile.rangeFraction), size > 1 {
                let offset = random.uniform(below: size)
                range = (offset, 1 + random.uniform(below: size - offset))
            }
            defer { nextIndex += 1 }
            return ScheduledArrival(index: nextIndex, at: instant, bodySize: size, range: range)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open arrival process for load tests, as data: requests arrive by a Poisson process whatever the server does
/// (an open model: a closed one, which waits for answers, hides overload), at a higher rate during burst episodes,
/// with body sizes and ranges drawn from a seeded distribution.
public struct LoadProfile: Sendable, Equatable {
    /// Mean arrivals per second outside bursts (λ).
    public var arrivalsPerSecond: Double
    /// Burst episodes, nil for none.
    public var burst: Burst?
    /// The sizes of the bodies requested.
    public var bodySize: BodySizeDistribution
    /// The fraction of requests that ask for a range of the body rather than all of it.
    public var rangeFraction: Double
    /// How long a client waits for a whole response before it gives up.
    public var clientTimeout: Duration

    /// Arrivals `factor` times as frequent while the on/off process `activity` is active.
    public struct Burst: Sendable, Equatable {
        public var factor: Double
        public var activity: FaultActivity

        public init(factor: Double, activity: FaultActivity) {
            precondition(factor >= 1, "a burst multiplies the arrival rate by at least 1")
            self.factor = factor
            self.activity = activity
        }
    }

    public init(
        arrivalsPerSecond: Double, burst: Burst? = nil, bodySize: BodySizeDistribution,
        rangeFraction: Double = 0, clientTimeout: Duration = .seconds(30)
    ) {
        precondition(arrivalsPerSecond > 0, "the arrival rate is positive")
        precondition((0...1).contains(rangeFraction), "the range fraction is a probability")
        self.arrivalsPerSecond = arrivalsPerSecond
        self.burst = burst
        self.bodySize = bodySize
        self.rangeFraction = rangeFraction
        self.clientTimeout = clientTimeout
    }

    /// The highest rate the process reaches (λ × the burst factor).
    var peakArrivalsPerSecond: Double { arrivalsPerSecond * (burst?.factor ?? 1) }
}

/// Body sizes: log-normal (sizes of served objects are heavy-tailed), capped.
public struct BodySizeDistribution: Sendable, Equatable {
    /// The median size, in bytes (e^μ).
    public var median: Int
    /// The standard deviation of the size's natural logarithm (σ).
    public var sigma: Double
    /// No body is larger.
    public var cap: Int

    public init(median: Int, sigma: Double, cap: Int) {
        precondition(median > 0 && cap >= median && sigma >= 0, "a median ≤ cap, both positive, and σ ≥ 0")
        self.median = median
        self.sigma = sigma
        self.cap = cap
    }

    /// One size drawn from `random` (two uniform draws: Box–Muller), at least 1 byte.
    func draw(_ random: SeededRandom) -> Int {
        guard sigma > 0 else { return median }
        let u1 = 1.0 - random.unitInterval()  // in (0, 1]: the logarithm is finite
        let u2 = random.unitInterval()
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        let size = Double(median) * exp(sigma * z)
        return size >= Double(cap) ? cap : max(1, Int(size))
    }
}

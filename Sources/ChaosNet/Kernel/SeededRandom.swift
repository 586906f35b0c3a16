/// A deterministic random stream (xoshiro256**), seeded from a simulation seed and a stream name.
///
/// Streams are independent: a stream's draws depend only on the seed and its own name, so adding a new stream to a
/// scenario never changes what the existing ones draw. It is a class so that every holder of
/// `simulation.random("registry")` advances the same stream.
///
/// Not thread-safe: use it only on the simulation's thread.
public final class SeededRandom: RandomNumberGenerator, @unchecked Sendable {
    public let name: String
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates the stream `name` of the world seeded with `seed`.
    public init(seed: UInt64, name: String) {
        self.name = name
        var expander = SplitMix64(state: seed ^ StableHash.of(name))
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
    }

    @inline(__always)
    public func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection). Implemented here rather than taken
    /// from the standard library so that the mapping can never change under us between toolchains.
    @inline(__always)
    public func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "uniform(below:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability` (clamped to [0, 1]).
    public func chance(_ probability: Double) -> Bool {
        if probability <= 0 { return false }
        if probability >= 1 { return true }
        return unitInterval() < probability
    }

    /// An exponentially distributed duration with the given mean, for on/off processes and jitter.
    public func exponential(mean: Duration) -> Duration {
        let u = 1.0 - unitInterval()  // in (0, 1], so the logarithm is finite
        let meanSeconds = mean.secondsDouble
        return .nanosecondsClamped(-meanSeconds * _log(u) * 1e9)
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

// The natural logarithm without importing Foundation into the kernel.
@inline(__always)
private func _log(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log(x)
    #elseif canImport(Darwin)
    return Darwin.log(x)
    #else
    return x.isNaN ? x : Double.nan
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

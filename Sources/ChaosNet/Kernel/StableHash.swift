/// A 64-bit hash whose value depends only on the bytes fed to it: the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded per process, so it must never decide anything a trace or a digest depends on. This is
/// FNV-1a over bytes followed by a SplitMix64 finaliser, which spreads FNV's weak low bits.
public struct StableHash: Sendable, Equatable {
    public private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always)
    public mutating func mix(byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Mixes a whole 64-bit word at once (faster than eight bytes, and just as stable).
    @inline(__always)
    public mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x0000_0100_0000_01b3
        state ^= state >> 32
    }

    public mutating func mix(_ string: String) {
        var copy = string
        copy.withUTF8 { bytes in
            for byte in bytes { mix(byte: byte) }
        }
        // The length separates ("ab", "c") from ("a", "bc").
        mix(UInt64(truncatingIfNeeded: copy.utf8.count))
    }

    public var finalized: UInt64 { SplitMix64.mix(state) }

    public static func of(_ string: String) -> UInt64 {
        var hash = StableHash()
        hash.mix(string)
        return hash.finalized
    }
}

/// SplitMix64: a tiny generator used to expand one seed into well-spread state words.
struct SplitMix64 {
    var state: UInt64

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

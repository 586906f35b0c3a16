/// A small deterministic generator (SplitMix64) shared by tests that need many pseudo-random bytes quickly, so every
/// random test can be replayed from its printed seed.
struct TestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns `count` bytes from a fresh generator seeded with `seed`.
    static func bytes(seed: UInt64, count: Int) -> [UInt8] {
        var generator = TestRandom(seed: seed)
        return generator.bytes(count)
    }

    /// Returns `count` pseudo-random bytes, eight at a time so large buffers stay cheap in debug builds.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        output.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < count {
                var word = next()
                let take = min(8, count - offset)
                withUnsafeBytes(of: &word) { wordBytes in
                    buffer.baseAddress!.advanced(by: offset).copyMemory(from: wordBytes.baseAddress!, byteCount: take)
                }
                offset += take
            }
        }
        return output
    }
}

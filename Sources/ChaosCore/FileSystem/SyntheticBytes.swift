/// A range of a deterministic byte stream that stands in for real file content: a 19 GB cache can then be copied,
/// archived, compared and digested in a simulation without ever being held in memory.
///
/// The stream named by `seed` is infinite and random-looking; byte `i` is fixed by `seed` and `i` alone (a
/// counter-based generator, SplitMix64 over the word index), so any slice can be materialised on its own, in any
/// order, on any machine. Two ranges denote the same bytes exactly when they name the same stream positions.
public struct SyntheticBytes: Sendable, Hashable, CustomStringConvertible {
    /// Which stream the bytes come from.
    public var seed: UInt64
    /// The position of the first byte in the stream.
    public var offset: Int
    /// How many bytes the range holds.
    public var count: Int

    public init(seed: UInt64, offset: Int = 0, count: Int) {
        precondition(offset >= 0 && count >= 0, "negative synthetic range")
        self.seed = seed
        self.offset = offset
        self.count = count
    }

    /// The stream position just past the last byte.
    public var endOffset: Int { offset + count }

    /// The `count` bytes from `start` within this range.
    public func slice(from start: Int, count length: Int) -> SyntheticBytes {
        precondition(start >= 0 && length >= 0 && start + length <= count, "slice outside the synthetic range")
        return SyntheticBytes(seed: seed, offset: offset + start, count: length)
    }

    /// Whether `next` continues this range in the same stream, so that the two are one range.
    public func isContinued(by next: SyntheticBytes) -> Bool {
        next.seed == seed && next.offset == endOffset
    }

    /// The bytes themselves. Materialising is linear in `count`: use it for small ranges (a header, a comparison
    /// with real bytes), never for the big files the type exists to avoid storing.
    public func materialize() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var position = offset
        while position < endOffset {
            let word = Self.word(seed: seed, index: position >> 3)
            let first = position & 7
            let last = min(8, first + endOffset - position)
            for shift in first..<last {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift * 8)))
            }
            position += last - first
        }
        return bytes
    }

    /// Word `index` of stream `seed`: the SplitMix64 finaliser of the seeded counter.
    static func word(seed: UInt64, index: Int) -> UInt64 {
        var z = seed &+ UInt64(truncatingIfNeeded: index) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    public var description: String { "synthetic(seed \(seed), \(offset)..<\(endOffset))" }
}

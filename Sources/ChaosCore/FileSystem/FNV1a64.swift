/// The 64-bit FNV-1a hash: the same value in every process and on every machine, with no crypto dependency.
///
/// Used for snapshot digests, where stability matters and collision resistance against an adversary does not.
package struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    private static let prime: UInt64 = 0x0000_0100_0000_01b3
    /// `prime` to the 8th power modulo 2^64: eight zero bytes only multiply by the prime eight times (x ^ 0 == x).
    private static let primeToTheEighth: UInt64 = 0x1efa_c709_0aef_4a21

    package mutating func combine(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { combine(buffer: $0) }
        guard done == nil else { return }
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* Self.prime
        }
    }

    /// The same hash as byte by byte, eight bytes at a time where they are all zero: one multiplication instead of
    /// eight. Archives are mostly zeros (tar headers are two-thirds NUL, and members are padded with NULs to 512
    /// bytes), and hashing their headers measured the largest single cost of a simulated cache job.
    private mutating func combine(buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        var hash = value
        var index = 0
        let count = buffer.count
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) == 0 {
                hash = hash &* Self.primeToTheEighth
            } else {
                for offset in index..<(index + 8) { hash = (hash ^ UInt64(base[offset])) &* Self.prime }
            }
            index += 8
        }
        while index < count {
            hash = (hash ^ UInt64(base[index])) &* Self.prime
            index += 1
        }
        value = hash
    }

    /// Mixes a string followed by its length, so that ("ab", "c") and ("a", "bc") differ.
    package mutating func combine(_ string: String) {
        combine(string.utf8)
        combine(UInt64(string.utf8.count))
    }

    /// Mixes the eight little-endian bytes of `word`.
    package mutating func combine(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            value = (value ^ ((word >> UInt64(shift)) & 0xff)) &* 0x0000_0100_0000_01b3
        }
    }

    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a64()
        hasher.combine(bytes)
        return hasher.value
    }
}

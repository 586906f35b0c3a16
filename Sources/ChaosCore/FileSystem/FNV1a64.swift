/// The 64-bit FNV-1a hash: the same value in every process and on every machine, with no crypto dependency.
///
/// Used for snapshot digests, where stability matters and collision resistance against an adversary does not.
package struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
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

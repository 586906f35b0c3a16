import ChaosNet
import Testing

@Suite("Multibase encodings and varints")
struct MultibaseTests {
    @Test("base32 matches the RFC 4648 vectors in lowercase without padding")
    func base32Vectors() throws {
        let vectors = [
            ("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"), ("fooba", "mzxw6ytb"),
            ("foobar", "mzxw6ytboi"),
        ]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(utf8: plain)) == encoded)
            #expect(try Base32.decode(encoded) == Array(utf8: plain))
        }
    }

    @Test("base58btc keeps leading zero bytes as ones")
    func base58Vectors() throws {
        #expect(Base58.encode(Array(utf8: "hello world")) == "StV1DL6CwTryKyV")
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(Base58.encode([]) == "")
        #expect(try Base58.decode("112") == [0, 0, 1])
        #expect(try Base58.decode("StV1DL6CwTryKyV") == Array(utf8: "hello world"))
    }

    @Test("base16 is lowercase hex")
    func base16Vectors() throws {
        #expect(Base16.encode([0x00, 0x01, 0xab, 0xff]) == "0001abff")
        #expect(try Base16.decode("0001abff") == [0x00, 0x01, 0xab, 0xff])
    }

    @Test("every base round-trips random bytes of many lengths")
    func roundTrips() throws {
        let seed: UInt64 = 0x5eed_0001
        var random = TestRandom(seed: seed)
        for length in 0..<80 {
            var bytes = random.bytes(length)
            if length % 7 == 3, !bytes.isEmpty {
                bytes[0] = 0  // Exercise leading zeros for base58.
            }
            for base in Multibase.allCases {
                let text = base.encode(bytes)
                let decoded = try Multibase.decode(text)
                #expect(decoded.base == base, "seed \(seed) length \(length)")
                #expect(decoded.bytes == bytes, "seed \(seed) length \(length) base \(base)")
            }
        }
    }

    @Test("decoders name the bad character and its offset")
    func invalidCharacters() {
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base58btc", character: "0", offset: 3)) {
            try Base58.decode("abc0")
        }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base32", character: "A", offset: 2)) {
            try Base32.decode("mzAw6")
        }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base32", character: "=", offset: 2)) {
            try Base32.decode("my======")
        }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base16", character: "F", offset: 1)) {
            try Base16.decode("0F")
        }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base16", character: "é", offset: 2)) {
            try Base16.decode("00é0")
        }
        // Offsets inside a multibase string count the prefix character.
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base32", character: "1", offset: 3)) {
            try Multibase.decode("bmz1")
        }
    }

    @Test("decoders reject impossible lengths and non-canonical trailing bits")
    func invalidLengths() {
        #expect(throws: MultiformatError.invalidLength(encoding: "base16", length: 3)) { try Base16.decode("abc") }
        #expect(throws: MultiformatError.invalidLength(encoding: "base32", length: 1)) { try Base32.decode("m") }
        #expect(throws: MultiformatError.invalidLength(encoding: "base32", length: 3)) { try Base32.decode("mzx") }
        #expect(throws: MultiformatError.invalidLength(encoding: "base32", length: 6)) { try Base32.decode("mzxw6y") }
        // "my" is "f"; "mz" decodes to the same byte but sets one of the two spare bits.
        #expect(throws: MultiformatError.nonCanonical(encoding: "base32", offset: 1)) { try Base32.decode("mz") }
        #expect(throws: MultiformatError.unsupportedMultibase(prefix: "m")) { try Multibase.decode("mAQID") }
        #expect(throws: MultiformatError.empty(what: "multibase text")) { try Multibase.decode("") }
        let long = String(repeating: "2", count: Base58.decodeLengthMax + 1)
        #expect(throws: MultiformatError.tooLong(what: "base58btc text", length: long.count, lengthMax: 1_024)) {
            try Base58.decode(long)
        }
    }

    @Test("varints round-trip at every length boundary")
    func varintRoundTrips() throws {
        let values: [UInt64] = [0, 1, 127, 128, 255, 300, 16_383, 16_384, 1 << 35, UnsignedVarint.valueMax]
        for value in values {
            let bytes = UnsignedVarint.encoded(value)
            var offset = 0
            #expect(try UnsignedVarint.decode(bytes, at: &offset) == value)
            #expect(offset == bytes.count)
        }
        #expect(UnsignedVarint.encoded(300) == [0xac, 0x02])
        #expect(UnsignedVarint.encoded(UnsignedVarint.valueMax).count == 9)
    }

    @Test("varint decoding rejects truncation, overflow and padding")
    func varintErrors() {
        var offset = 1
        #expect(throws: MultiformatError.varintTruncated(offset: 3)) {
            try UnsignedVarint.decode([0x00, 0x80, 0x80], at: &offset)
        }
        offset = 0
        #expect(throws: MultiformatError.varintOverflow(offset: 0)) {
            try UnsignedVarint.decode([UInt8](repeating: 0xff, count: 10), at: &offset)
        }
        offset = 0
        #expect(throws: MultiformatError.varintNotMinimal(offset: 0)) {
            try UnsignedVarint.decode([0x81, 0x00], at: &offset)
        }
        offset = 0
        #expect(throws: MultiformatError.varintTruncated(offset: 0)) {
            try UnsignedVarint.decode([], at: &offset)
        }
    }
}

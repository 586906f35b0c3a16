import ChaosNet
import Testing

@Suite("CIDs and multihashes")
struct CIDTests {
    static let helloWorldV0 = "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD"
    static let helloWorldV1 = "bafybeihykld7uyxzogax6vgyvag42y7464eywpf55gxi5qpoisibh3c5wa"
    static let emptyRaw = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"

    @Test("a CIDv0 parses and prints back unchanged")
    func v0RoundTrip() throws {
        let cid = try CID(Self.helloWorldV0)
        #expect(cid.version == .v0)
        #expect(cid.codec == .dagPB)
        #expect(cid.description == Self.helloWorldV0)
        #expect(cid.bytes.count == 34)
        #expect(Array(cid.bytes.prefix(2)) == [0x12, 0x20])
        #expect(try CID(bytes: cid.bytes) == cid)
    }

    @Test("v0 to v1 keeps the DAG and yields the bafybei form")
    func v0ToV1() throws {
        let v0 = try CID(Self.helloWorldV0)
        let v1 = v0.v1
        #expect(v1.description == Self.helloWorldV1)
        #expect(v1.multihash == v0.multihash)
        #expect(try CID(Self.helloWorldV1) == v1)
        #expect(v1 != v0)
        #expect(v1.v1 == v1)
    }

    @Test("base16 and base58btc forms of a CIDv1 parse to the same CID")
    func otherBases() throws {
        let v1 = try CID(Self.helloWorldV1)
        let hex = v1.string(in: .base16)
        #expect(hex.hasPrefix("f01701220"))
        #expect(hex == "f01701220" + Base16.encode(v1.multihash.digest))
        #expect(try CID(hex) == v1)
        let z = v1.string(in: .base58btc)
        #expect(z.hasPrefix("z"))
        #expect(try CID(z) == v1)
        #expect(v1.string(in: .base32) == Self.helloWorldV1)
    }

    @Test("a raw CIDv1 of the empty block is the sha2-256 of nothing")
    func rawEmpty() throws {
        let cid = CID(version: .v1, codec: .raw, hashing: [])
        #expect(cid.description == Self.emptyRaw)
        #expect(
            Base16.encode(cid.multihash.digest)
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try CID(Self.emptyRaw).codec == .raw)
        #expect(cid.matches([]))
        #expect(!cid.matches([0]))
    }

    @Test("CIDs are usable as dictionary keys")
    func hashable() throws {
        let a = try CID(Self.helloWorldV0)
        let b = try CID(Self.helloWorldV0)
        let map = [a: 1]
        #expect(map[b] == 1)
        #expect(map[a.v1] == nil)
    }

    @Test("malformed CID strings fail with a precise error")
    func malformedStrings() {
        #expect(throws: MultiformatError.empty(what: "CID text")) { try CID("") }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base58btc", character: "0", offset: 45)) {
            try CID("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyf0")
        }
        #expect(throws: MultiformatError.unsupportedMultibase(prefix: "Q")) {
            try CID("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyf")
        }
        #expect(throws: MultiformatError.invalidCharacter(encoding: "base32", character: "B", offset: 2)) {
            try CID("baBybeihykld7uyxzogax6vgyvag42y7464eywpf55gxi5qpoisibh3c5wa")
        }
        let long = "b" + String(repeating: "a", count: CID.stringLengthMax)
        #expect(throws: MultiformatError.tooLong(what: "CID text", length: long.count, lengthMax: 128)) {
            try CID(long)
        }
        // A v0 multihash may not hide inside a multibase string.
        #expect(throws: MultiformatError.multibaseEncodedCIDv0) {
            try CID("f1220" + String(repeating: "00", count: 32))
        }
    }

    @Test("malformed binary CIDs fail at the right byte")
    func malformedBinary() throws {
        let digest = [UInt8](repeating: 7, count: 32)
        let good: [UInt8] = [0x01, 0x70, 0x12, 0x20] + digest
        #expect(try CID(bytes: good).codec == .dagPB)
        #expect(throws: MultiformatError.unsupportedCIDVersion(version: 2, offset: 0)) {
            try CID(bytes: [0x02] + good.dropFirst())
        }
        #expect(throws: MultiformatError.unsupportedCodec(code: 0x71, offset: 1)) {
            try CID(bytes: [0x01, 0x71] + good.dropFirst(2))
        }
        #expect(throws: MultiformatError.unsupportedHash(code: 0x13, offset: 2)) {
            try CID(bytes: [0x01, 0x70, 0x13, 0x20] + digest)
        }
        #expect(throws: MultiformatError.invalidDigestLength(expected: 32, actual: 31, offset: 3)) {
            try CID(bytes: [0x01, 0x70, 0x12, 0x1f] + digest.dropLast())
        }
        #expect(throws: MultiformatError.digestTruncated(declared: 32, available: 31, offset: 4)) {
            try CID(bytes: good.dropLast())
        }
        #expect(throws: MultiformatError.trailingBytes(offset: 36)) {
            try CID(bytes: good + [0])
        }
        #expect(throws: MultiformatError.trailingBytes(offset: 34)) {
            try CID(bytes: [0x12, 0x20] + digest + [0])
        }
        #expect(throws: MultiformatError.empty(what: "binary CID")) { try CID(bytes: []) }
    }

    @Test("error descriptions say what and where")
    func errorMessages() {
        let error = MultiformatError.invalidCharacter(encoding: "base32", character: "!", offset: 5)
        #expect(error.description == "invalid base32 character '!' at offset 5")
        #expect(MultiformatError.unsupportedCodec(code: 0x71, offset: 1).description.contains("0x71"))
    }
}

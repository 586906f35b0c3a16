import ChaosNet
import Testing

@Suite("dag-pb and UnixFS protobuf encoding and decoding")
struct ProtobufTests {
    @Test("the empty file and empty directory blocks are byte-exact")
    func emptyBlocks() {
        let emptyFile = PBNode(data: UnixFSData(kind: .file, filesize: 0).encoded)
        #expect(emptyFile.encoded == hex("0a0408021800"))
        let emptyDirectory = PBNode(data: UnixFSData(kind: .directory).encoded)
        #expect(emptyDirectory.encoded == hex("0a020801"))
    }

    @Test("a chunk link writes Hash, an empty Name as 12 00, then Tsize")
    func chunkLinkLayout() throws {
        let cid = try CID(CIDTests.helloWorldV0)
        let link = PBLink(hash: cid, name: "", tsize: 300)
        #expect(link.encoded == [0x0a, 0x22] + cid.bytes + [0x12, 0x00, 0x18, 0xac, 0x02])
    }

    @Test("a node writes its links before its data, and blocksizes unpacked")
    func nodeFieldOrder() throws {
        let cid = try CID(CIDTests.helloWorldV0)
        let data = UnixFSData(kind: .file, filesize: 3, blocksizes: [1, 2])
        #expect(data.encoded == hex("0802180320012002"))
        let node = PBNode(links: [PBLink(hash: cid, name: "", tsize: 9)], data: data.encoded)
        let encoded = node.encoded
        #expect(encoded.first == 0x12)
        #expect(Array(encoded.suffix(data.encoded.count + 2)) == [0x0a, UInt8(data.encoded.count)] + data.encoded)
    }

    @Test("decoding inverts encoding for files, directories and symlinks")
    func roundTrip() throws {
        let cid = try CID(CIDTests.helloWorldV0)
        let nodes = [
            PBNode(data: UnixFSData(kind: .file, data: [1, 2, 3], filesize: 3).encoded),
            PBNode(
                links: [PBLink(hash: cid, name: "a", tsize: 5), PBLink(hash: cid.v1, name: "b", tsize: 1 << 40)],
                data: UnixFSData(kind: .directory).encoded),
            PBNode(links: [PBLink(hash: cid, name: nil, tsize: nil)], data: nil),
            PBNode(data: UnixFSData(kind: .symlink, data: Array(utf8: "../x")).encoded),
        ]
        for node in nodes {
            let decoded = try PBNode(decoding: node.encoded)
            #expect(decoded == node)
            if let data = node.data {
                #expect(try UnixFSData(decoding: data).encoded == data)
            }
        }
        let data = UnixFSData(kind: .file, filesize: 600, blocksizes: [262_144, 262_144, 75_712])
        #expect(try UnixFSData(decoding: data.encoded) == data)
    }

    @Test("UnixFS decoding accepts packed blocksizes and skips unknown fields")
    func unixFSTolerance() throws {
        // Type=2, filesize=3, blocksizes packed [1, 2], fanout (field 6) = 256, mtime (field 8) as a message.
        let bytes = hex("08021803" + "22020102" + "308002" + "42020801")
        let decoded = try UnixFSData(decoding: bytes)
        #expect(decoded == UnixFSData(kind: .file, filesize: 3, blocksizes: [1, 2]))
    }

    @Test("malformed blocks fail with the field and offset")
    func malformed() {
        #expect(throws: ProtobufError.truncated(message: "PBNode", offset: 1)) {
            try PBNode(decoding: hex("0a05080218"))
        }
        #expect(throws: ProtobufError.unknownField(message: "PBNode", field: 3, offset: 0)) {
            try PBNode(decoding: hex("1800"))
        }
        #expect(throws: ProtobufError.unexpectedWireType(message: "PBNode", field: 1, wireType: 0, offset: 0)) {
            try PBNode(decoding: hex("0800"))
        }
        #expect(throws: ProtobufError.fieldOutOfOrder(message: "PBNode", field: "Links", before: "Data", offset: 2)) {
            try PBNode(decoding: hex("0a00" + "1200"))
        }
        #expect(throws: ProtobufError.duplicateField(message: "PBNode", field: "Data", offset: 2)) {
            try PBNode(decoding: hex("0a00" + "0a00"))
        }
        #expect(throws: ProtobufError.missingField(message: "PBLink", field: "Hash")) {
            try PBNode(decoding: hex("1202" + "1200"))
        }
        let shortDigest = MultiformatError.digestTruncated(declared: 32, available: 0, offset: 2)
        #expect(throws: ProtobufError.invalidLinkHash(offset: 4, reason: shortDigest)) {
            try PBNode(decoding: hex("1204" + "0a02" + "1220"))
        }
        #expect(throws: ProtobufError.invalidUTF8(message: "PBLink", field: "Name", offset: 40)) {
            let cid = try CID(CIDTests.helloWorldV0)
            let link = [0x0a, 0x22] + cid.bytes + [0x12, 0x01, 0xff]
            return try PBNode(decoding: [0x12, UInt8(link.count)] + link)
        }
        #expect(throws: ProtobufError.varintOverflow(message: "PBNode", offset: 0)) {
            try PBNode(decoding: [UInt8](repeating: 0xff, count: 10) + [0x01])
        }
        #expect(throws: ProtobufError.invalidFieldNumber(message: "PBNode", field: 0, offset: 0)) {
            try PBNode(decoding: hex("0200"))
        }
        #expect(throws: ProtobufError.unknownUnixFSType(value: 9, offset: 1)) {
            try UnixFSData(decoding: hex("0809"))
        }
        #expect(throws: ProtobufError.missingField(message: "UnixFS Data", field: "Type")) {
            try UnixFSData(decoding: hex("1800"))
        }
        #expect(throws: ProtobufError.unexpectedWireType(message: "UnixFS Data", field: 7, wireType: 3, offset: 2)) {
            try UnixFSData(decoding: hex("0802" + "3b"))
        }
        let huge = [UInt8](repeating: 0, count: PBNode.blockSizeMax + 1)
        #expect(throws: ProtobufError.blockTooLarge(size: huge.count, sizeMax: PBNode.blockSizeMax)) {
            try PBNode(decoding: huge)
        }
    }

    @Test("every truncation and random corruption of real blocks is handled without crashing")
    func fuzz() throws {
        let seed: UInt64 = 0xf022
        var random = TestRandom(seed: seed)
        let collector = BlockCollector()
        let options = UnixFSImportOptions(chunkSize: 64)
        _ = UnixFSImporter.importFile(random.bytes(64 * 200), options: options, sink: collector.sink)
        var directory = UnixFSDirectoryBuilder()
        try directory.add(name: "ä.txt", node: cidOfFile([1]))
        _ = directory.finish(sink: collector.sink)
        let samples = collector.blocks.suffix(3).map(\.bytes)
        for block in samples {
            for length in 0..<block.count {
                let prefix = Array(block.prefix(length))
                // Any outcome is fine except a crash; a successful decode must re-encode to the same bytes.
                if let node = try? PBNode(decoding: prefix) {
                    #expect(node.encoded == prefix, "seed \(seed)")
                }
            }
            for _ in 0..<2_000 {
                var corrupted = block
                let flips = Int.random(in: 1...4, using: &random)
                for _ in 0..<flips {
                    let index = Int.random(in: 0..<corrupted.count, using: &random)
                    corrupted[index] = UInt8.random(in: 0...255, using: &random)
                }
                if let node = try? PBNode(decoding: corrupted), let data = node.data {
                    _ = try? UnixFSData(decoding: data)
                }
            }
        }
        for _ in 0..<5_000 {
            let noise = random.bytes(Int.random(in: 0..<64, using: &random))
            _ = try? PBNode(decoding: noise)
            _ = try? UnixFSData(decoding: noise)
        }
    }

    @Test("error descriptions say what and where")
    func errorMessages() {
        let error = ProtobufError.truncated(message: "PBLink", offset: 17)
        #expect(error.description == "PBLink truncated at byte 17")
    }
}

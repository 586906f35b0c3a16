import ChaosNet
import Testing

@Suite("Balanced DAG layout")
struct BalancedLayoutTests {
    static let linksMax = UnixFSImportOptions.linksPerNodeMax

    /// Chunk counts around every boundary of a one-, two- and three-level tree.
    static let chunkCounts = [
        1, 2, 173, 174, 175, 176, 2 * 174, 2 * 174 + 1, 174 * 174 - 1, 174 * 174, 174 * 174 + 1, 174 * 174 + 175,
    ]

    @Test("the streaming importer matches boxo's recursive layout", arguments: chunkCounts)
    func matchesReference(chunkCount: Int) {
        let seed = UInt64(chunkCount)
        var random = TestRandom(seed: seed)
        for (chunkSize, rawLeaves, version) in [(1, false, CID.Version.v0), (3, true, .v0), (2, true, .v1)] {
            let options = UnixFSImportOptions(cidVersion: version, rawLeaves: rawLeaves, chunkSize: chunkSize)
            // A short last chunk is exercised whenever the chunk size is above one.
            let size = chunkSize == 1 ? chunkCount : chunkCount * chunkSize - 1
            let file = random.bytes(size)
            var reference = ReferenceBalancedLayout(file: file, options: options)
            let expected = reference.layout()
            let actual = cidOfFile(file, options: options)
            #expect(actual == expected, "seed \(seed) size \(size) options \(options)")
        }
    }

    @Test("175 chunks make a root over a full node and a node with one leaf")
    func twoLevelShape() throws {
        let collector = BlockCollector()
        let options = UnixFSImportOptions(chunkSize: 1)
        let file = TestRandom.bytes(seed: 175, count: 175)
        let root = UnixFSImporter.importFile(file, options: options, sink: collector.sink)
        let blocks = collector.byCID
        let rootNode = try PBNode(decoding: try #require(blocks[root.cid]))
        #expect(rootNode.links.count == 2)
        let first = try PBNode(decoding: try #require(blocks[rootNode.links[0].hash]))
        let second = try PBNode(decoding: try #require(blocks[rootNode.links[1].hash]))
        #expect(first.links.count == Self.linksMax)
        #expect(second.links.count == 1)
        #expect(try UnixFSData(decoding: rootNode.data ?? []).blocksizes == [174, 1])
        #expect(try UnixFSData(decoding: second.data ?? []).blocksizes == [1])
    }

    @Test("174 × 174 + 1 chunks make a three-level tree whose leaves all sit at depth 3")
    func threeLevelShape() throws {
        let collector = BlockCollector()
        let options = UnixFSImportOptions(chunkSize: 1)
        let file = TestRandom.bytes(seed: 30_277, count: 174 * 174 + 1)
        let root = UnixFSImporter.importFile(file, options: options, sink: collector.sink)
        let depths = try leafDepths(root: root.cid, blocks: collector.byCID)
        #expect(depths == [3])
        let rootNode = try PBNode(decoding: try #require(collector.byCID[root.cid]))
        #expect(rootNode.links.count == 2)
    }

    @Test("blocks arrive children first, root last, and reassemble the file", arguments: [false, true])
    func emissionOrderAndContent(rawLeaves: Bool) throws {
        let seed: UInt64 = 0xb10c
        let options = UnixFSImportOptions(rawLeaves: rawLeaves, chunkSize: 7)
        let file = TestRandom.bytes(seed: seed, count: 7 * 400 + 3)
        let collector = BlockCollector()
        let root = UnixFSImporter.importFile(file, options: options, sink: collector.sink)
        #expect(collector.blocks.last?.cid == root.cid, "seed \(seed)")
        // Every emitted block is counted once per link, so the emitted sizes add up to the root's Tsize.
        #expect(collector.blocks.reduce(0) { $0 + UInt64($1.bytes.count) } == root.tsize, "seed \(seed)")
        var seen: Set<CID> = []
        for block in collector.blocks {
            if block.cid.codec == .dagPB {
                for link in try PBNode(decoding: block.bytes).links {
                    #expect(seen.contains(link.hash), "parent emitted before child, seed \(seed)")
                }
            }
            seen.insert(block.cid)
        }
        #expect(try reassemble(root.cid, blocks: collector.byCID) == file, "seed \(seed)")
        #expect(root.filesize == UInt64(file.count))
    }

    @Test("feeding bytes in random pieces or through a non-contiguous collection changes nothing")
    func streamingIsChunkingIndependent() {
        let seed: UInt64 = 0x57ea
        var random = TestRandom(seed: seed)
        let options = UnixFSImportOptions(chunkSize: 1_000)
        let file = random.bytes(1_000 * 180 + 17)
        let whole = cidOfFile(file, options: options)
        var importer = UnixFSImporter(options: options)
        var offset = 0
        while offset < file.count {
            let length = min(Int.random(in: 0...2_500, using: &random), file.count - offset)
            importer.append(file[offset..<offset + length]) { _ in }
            offset += length
        }
        #expect(importer.finish { _ in } == whole, "seed \(seed)")
        var lazyImporter = UnixFSImporter(options: options)
        lazyImporter.append(file.lazy.map { $0 }) { _ in }
        #expect(lazyImporter.finish { _ in } == whole, "seed \(seed)")
    }

    @Test("a sink error stops the import and propagates")
    func sinkErrorsPropagate() {
        struct Full: Error {}
        var stored = 0
        #expect(throws: Full.self) {
            _ = try UnixFSImporter.importFile([UInt8](repeating: 1, count: 10), options: .init(chunkSize: 2)) { _ in
                stored += 1
                if stored == 3 {
                    throw Full()
                }
            }
        }
        #expect(stored == 3)
    }

    /// The depths at which leaves occur, walking from `root`.
    private func leafDepths(root: CID, blocks: [CID: [UInt8]]) throws -> Set<Int> {
        var depths: Set<Int> = []
        var stack: [(CID, Int)] = [(root, 0)]
        while let (cid, depth) = stack.popLast() {
            let node = try PBNode(decoding: try #require(blocks[cid]))
            if node.links.isEmpty {
                depths.insert(depth)
            }
            stack.append(contentsOf: node.links.map { ($0.hash, depth + 1) })
        }
        return depths
    }

    /// The file bytes under `cid`, read back through the decoders.
    private func reassemble(_ cid: CID, blocks: [CID: [UInt8]]) throws -> [UInt8] {
        let bytes = try #require(blocks[cid])
        if cid.codec == .raw {
            return bytes
        }
        let node = try PBNode(decoding: bytes)
        let data = try UnixFSData(decoding: try #require(node.data))
        var output = data.data ?? []
        for link in node.links {
            output += try reassemble(link.hash, blocks: blocks)
        }
        #expect(UInt64(output.count) == data.filesize)
        return output
    }
}

import ChaosNet
import Testing

@Suite("IPFS block store and DAG reader")
struct DAGReaderTests {
    @Test("the store finds a block by CIDv0 and by its CIDv1 forms, forgets it on remove, and refuses past its limit")
    func store() throws {
        let store = IPFSBlockStore(byteCountMax: 100)
        let root = try store.add(file: Array("hello world".utf8))
        #expect(root.cid.description == "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD")
        let bytes = try #require(store.bytes(for: root.cid))
        #expect(store.bytes(for: root.cid.v1) == bytes)
        #expect(store.bytes(for: try CID(root.cid.v1.string(in: .base16))) == bytes)
        #expect(store.count == 1 && store.byteCount == bytes.count)
        #expect(store.remove(root.cid))
        #expect(!store.remove(root.cid))
        #expect(!store.contains(root.cid) && store.byteCount == 0)
        #expect(throws: IPFSAddError.store(.full(byteCount: 0, blockSize: 211, byteCountMax: 100))) {
            try store.add(file: [UInt8](repeating: 7, count: 200))
        }
        try store.add(file: Array("hello world".utf8))
        #expect(store.multihashes == [root.cid.multihash], "a block stored again is listed once")
    }

    @Test("a refused tree names the offending entry and stores nothing")
    func refusedTree() throws {
        let store = IPFSBlockStore()
        let tree = IPFSContentTree.directory([
            .init("ok", .file([1])), .init("sub", .directory([.init("a/b", .file([2]))])),
        ])
        #expect(throws: IPFSAddError.entry(path: "sub/a/b", .invalidName("a/b"))) { try store.add(tree) }
        #expect(store.count == 0)
    }

    @Test("file windows read exactly the bytes of the window, over a three-level DAG",
          arguments: [UInt64(1), 2, 3])
    func windows(seed: UInt64) throws {
        let store = IPFSBlockStore()
        let content = TestRandom.bytes(seed: seed, count: 40_000)
        // 100-byte chunks: 400 leaves, three levels with 174 links per node.
        let root = try store.add(file: content, options: UnixFSImportOptions(chunkSize: 100))
        let dag = IPFSDAGReader(store: store)
        let node = try dag.node(root.cid)
        #expect(node.contentSize == 40_000)
        var random = TestRandom(seed: seed)
        for _ in 0..<40 {
            let offset = Int(random.next() % 40_001)
            let length = Int(random.next() % 3_000)
            var reader = dag.fileReader(node, offset: UInt64(offset), length: UInt64(length))
            var read: [UInt8] = []
            while let piece = try reader.next() { read += piece }
            let end = min(content.count, offset + length)
            #expect(read == Array(content[offset..<end]), "seed \(seed) offset \(offset) length \(length)")
            #expect(reader.windowSize == UInt64(end - offset))
        }
    }

    @Test("a missing leaf throws at the point the walk reaches it, after every byte before it")
    func missingLeaf() throws {
        let store = IPFSBlockStore()
        let content = TestRandom.bytes(seed: 9, count: 10_000)
        let root = try store.add(file: content, options: UnixFSImportOptions(chunkSize: 1_000))
        let dag = IPFSDAGReader(store: store)
        let node = try dag.node(root.cid)
        store.remove(node.links[4].hash)
        var reader = dag.fileReader(node)
        var read: [UInt8] = []
        var failure: IPFSDAGError?
        do {
            while let piece = try reader.next() { read += piece }
        } catch {
            failure = error
        }
        #expect(read == Array(content[..<4_000]))
        #expect(failure == .blockNotFound(node.links[4].hash))
        // A window that ends before the lost leaf never touches it.
        var before = dag.fileReader(node, offset: 0, length: 4_000)
        var count = 0
        while let piece = try before.next() { count += piece.count }
        #expect(count == 4_000)
    }

    @Test("paths resolve through directories; bad paths and missing names are reported as Kubo words them")
    func paths() throws {
        let store = IPFSBlockStore()
        let root = try store.add(sampleTree())
        let dag = IPFSDAGReader(store: store)
        #expect(try dag.resolve(IPFSPath("\(root.cid)/lib/mod-1/file-3.bin")).contentSize == 1_000)
        #expect(try dag.resolve(IPFSPath("/ipfs/\(root.cid)//lib/")).kind == .directory)
        let lib = try dag.resolve(IPFSPath("\(root.cid)/lib"))
        #expect(throws: IPFSDAGError.noLink(name: "x", under: lib.cid)) {
            try dag.resolve(IPFSPath("\(root.cid)/lib/x"))
        }
        let readme = try dag.resolve(IPFSPath("\(root.cid)/README.md"))
        #expect(throws: IPFSDAGError.noLink(name: "deeper", under: readme.cid)) {
            try dag.resolve(IPFSPath("\(root.cid)/README.md/deeper"))
        }
        #expect(throws: IPFSDAGError.invalidPath("/ipns/example.com", reason: "only /ipfs/ paths are supported")) {
            try IPFSPath("/ipns/example.com")
        }
        #expect(throws: IPFSDAGError.invalidPath("\(root.cid)/../x", reason: "component \"..\" is not allowed")) {
            try IPFSPath("\(root.cid)/../x")
        }
        #expect(try dag.entries(of: lib).map(\.name) == ["big.bin", "current", "mod-1"])
        #expect(try dag.blockCIDs(under: root.cid).count == store.count)
        // Two identical files share their block, which is listed once.
        let twins = try store.add(.directory([.init("a", .file([1, 2])), .init("b", .file([1, 2]))]))
        #expect(try dag.blockCIDs(under: twins.cid).count == 2)
    }

    @Test("the tar stream of a DAG round-trips through TarReader in any fragmentation")
    func tarStream() throws {
        let store = IPFSBlockStore()
        let tree = sampleTree()
        let root = try store.add(tree)
        let dag = IPFSDAGReader(store: store)
        var stream = dag.tarStream(try dag.node(root.cid), name: "pkg")
        var archive: [UInt8] = []
        var pieceCount = 0
        while let piece = try stream.next() {
            archive += piece
            pieceCount += 1
        }
        #expect(try stream.next() == nil)
        #expect(pieceCount > 5, "the archive comes out in pieces, not as one buffer")
        for fragments in [[1], [511, 1_023], [65_536]] {
            let read = readArchive(archive, fragmentSizes: fragments)
            #expect(read.items == expectedArchive(tree, rootName: "pkg"))
            #expect(read.completion == .endBlocks(paddingCount: 0))
        }
    }
}

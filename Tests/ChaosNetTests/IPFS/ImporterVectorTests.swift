import ChaosNet
import Testing

/// Every content identifier listed in shared/IPFS.md, which Kubo produces with default flags unless noted.
@Suite("Kubo CID vectors")
struct ImporterVectorTests {
    @Test("the empty file is the block 0a0408021800")
    func emptyFile() {
        let collector = BlockCollector()
        let node = UnixFSImporter.importFile([], sink: collector.sink)
        #expect(node.cid.description == "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")
        #expect(collector.blocks.map(\.bytes) == [hex("0a0408021800")])
        #expect(node.tsize == 6)
        #expect(node.filesize == 0)
    }

    @Test("the empty file with raw leaves or CIDv1 is the empty raw block")
    func emptyFileRaw() {
        let expected = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
        #expect(cidOfFile([], options: UnixFSImportOptions(rawLeaves: true)).cid.description == expected)
        #expect(cidOfFile([], options: UnixFSImportOptions(cidVersion: .v1)).cid.description == expected)
    }

    @Test("the empty directory is the block 0a020801")
    func emptyDirectory() {
        let collector = BlockCollector()
        let node = UnixFSDirectoryBuilder().finish(sink: collector.sink)
        #expect(node.cid.description == "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn")
        #expect(collector.blocks.map(\.bytes) == [hex("0a020801")])
        #expect(node.tsize == 4)
    }

    @Test(
        "small files match their Kubo CIDs",
        arguments: [
            ("hello world", "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD"),
            ("hello world\n", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"),
            ("Hello Worlds!\n", "QmVr26fY1tKyspEJBniVhqxQeEjhF78XerGiqWAwraVLQH"),
            ("IPFS\n", "QmdFyxZXsFiP4csgfM5uPu99AvFiKH62CSPDw5TP92nr7w"),
            ("Hello Mars!\n", "QmPrrHqJzto9m7SyiRzarwkqPcCSsKR2EB1AyqJfe8L8tN"),
            ("Hello Venus!\n", "QmU5kp3BH3B8tnWUU2Pikdb2maksBNkb92FHRr56hyghh4"),
        ])
    func smallFiles(content: String, expected: String) {
        #expect(cidOfFile(Array(utf8: content)).cid.description == expected)
    }

    @Test("hello world as a dag-pb CIDv1 is the same DAG in base32")
    func helloWorldV1() {
        let node = cidOfFile(Array(utf8: "hello world"))
        #expect(node.cid.v1.description == "bafybeihykld7uyxzogax6vgyvag42y7464eywpf55gxi5qpoisibh3c5wa")
        // Asking for CIDv1 without raw leaves builds the same DAG with v1 names.
        let options = UnixFSImportOptions(cidVersion: .v1, rawLeaves: false)
        let explicit = cidOfFile(Array(utf8: "hello world"), options: options)
        #expect(explicit.cid == node.cid.v1)
    }

    @Test("file1 with raw leaves is a single raw block")
    func rawLeafFile() {
        let expected = "bafkreihm3rktn5z33luic3youqdsn326toaq3ekesmdvsa53sbrd3f5r3a"
        let file = Array(utf8: "file1\n")
        #expect(cidOfFile(file, options: UnixFSImportOptions(rawLeaves: true)).cid.description == expected)
        #expect(cidOfFile(file, options: UnixFSImportOptions(cidVersion: .v1)).cid.description == expected)
    }

    @Test("1 MiB of zeros is four chunks under one node")
    func oneMebibyteOfZeros() throws {
        let collector = BlockCollector()
        let node = UnixFSImporter.importFile([UInt8](repeating: 0, count: 1 << 20), sink: collector.sink)
        #expect(node.cid.description == "QmVkbauSDEaMP4Tkq6Epm9uW75mWm136n81YH8fGtfwdHU")
        #expect(node.filesize == 1 << 20)
        #expect(collector.blocks.count == 5)
        let root = try PBNode(decoding: collector.blocks.last!.bytes)
        #expect(root.links.count == 4)
        #expect(root.links.allSatisfy { $0.name == "" && $0.tsize == 262_158 })
        let data = try UnixFSData(decoding: root.data ?? [])
        #expect(data == UnixFSData(kind: .file, filesize: 1 << 20, blocksizes: [262_144, 262_144, 262_144, 262_144]))
        #expect(node.tsize == UInt64(collector.blocks.last!.bytes.count) + 4 * 262_158)
    }

    @Test("the mars and venus directory matches Kubo, with links sorted and sized")
    func marsVenusDirectory() throws {
        let collector = BlockCollector()
        let mars = UnixFSImporter.importFile(Array(utf8: "Hello Mars!\n"), sink: collector.sink)
        let venus = UnixFSImporter.importFile(Array(utf8: "Hello Venus!\n"), sink: collector.sink)
        var directory = UnixFSDirectoryBuilder()
        // Added out of order on purpose: the builder sorts.
        try directory.add(name: "venus.txt", node: venus)
        try directory.add(name: "mars.txt", node: mars)
        let node = directory.finish(sink: collector.sink)
        #expect(node.cid.description == "QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY")
        let decoded = try PBNode(decoding: collector.blocks.last!.bytes)
        #expect(decoded.links.map(\.name) == ["mars.txt", "venus.txt"])
        #expect(decoded.links.map(\.tsize) == [mars.tsize, venus.tsize])
        #expect(node.tsize == UInt64(collector.blocks.last!.bytes.count) + mars.tsize + venus.tsize)
    }
}

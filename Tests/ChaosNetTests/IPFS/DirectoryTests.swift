import ChaosNet
import Testing

@Suite("UnixFS directories and symlinks")
struct DirectoryTests {
    @Test("entries are sorted and kept apart by their UTF-8 bytes, not by Unicode equivalence")
    func byteOrder() throws {
        let file = cidOfFile([1])
        var directory = UnixFSDirectoryBuilder()
        // "é" precomposed (c3 a9) and decomposed (65 cc 81) are equal Swift strings but distinct names.
        for name in ["\u{E9}", "e\u{301}", "b", "B", "a.txt", "a"] {
            try directory.add(name: name, node: file)
        }
        let collector = BlockCollector()
        _ = directory.finish(sink: collector.sink)
        let names = try PBNode(decoding: collector.blocks[0].bytes).links.map { Array(($0.name ?? "").utf8) }
        #expect(names == [[0x42], [0x61], [0x61, 0x2e, 0x74, 0x78, 0x74], [0x62], [0x65, 0xcc, 0x81], [0xc3, 0xa9]])
    }

    @Test("nested directories carry cumulative sizes up the tree")
    func nested() throws {
        let collector = BlockCollector()
        let mars = UnixFSImporter.importFile(Array(utf8: "Hello Mars!\n"), sink: collector.sink)
        let venus = UnixFSImporter.importFile(Array(utf8: "Hello Venus!\n"), sink: collector.sink)
        var planets = UnixFSDirectoryBuilder()
        try planets.add(name: "mars.txt", node: mars)
        try planets.add(name: "venus.txt", node: venus)
        let inner = planets.finish(sink: collector.sink)
        #expect(inner.cid.description == "QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY")
        var outer = UnixFSDirectoryBuilder()
        try outer.add(name: "planets", node: inner)
        try outer.add(name: "empty", node: UnixFSDirectoryBuilder().finish(sink: collector.sink))
        let root = outer.finish(sink: collector.sink)
        #expect(root.kind == .directory)
        let node = try PBNode(decoding: collector.blocks.last!.bytes)
        #expect(node.links.map(\.name) == ["empty", "planets"])
        #expect(node.links.map(\.tsize) == [4, inner.tsize])
        #expect(root.tsize == UInt64(collector.blocks.last!.bytes.count) + 4 + inner.tsize)
        #expect(try UnixFSData(decoding: node.data ?? []) == UnixFSData(kind: .directory))
    }

    @Test("wrap-with-directory puts the item under its name")
    func wrap() throws {
        let file = cidOfFile(Array(utf8: "hello world"))
        let collector = BlockCollector()
        let wrapped = try UnixFSDirectoryBuilder.wrapping(file, name: "hello.txt").finish(sink: collector.sink)
        let node = try PBNode(decoding: collector.blocks[0].bytes)
        #expect(node.links == [PBLink(hash: file.cid, name: "hello.txt", tsize: file.tsize)])
        #expect(wrapped.tsize == UInt64(collector.blocks[0].bytes.count) + file.tsize)
        let v1 = try UnixFSDirectoryBuilder.wrapping(file, name: "hello.txt", options: .init(cidVersion: .v1))
            .finish { _ in }
        #expect(v1.cid.version == .v1)
        #expect(v1.cid.codec == .dagPB)
    }

    @Test("a symlink is a dag-pb node with Type 4 and the target as Data")
    func symlink() throws {
        let collector = BlockCollector()
        let node = try UnixFSSymlink(target: "foo").finish(sink: collector.sink)
        #expect(collector.blocks.map(\.bytes) == [hex("0a0708041203666f6f")])
        #expect(node.kind == .symlink)
        #expect(node.tsize == 9)
        let data = try UnixFSData(decoding: try PBNode(decoding: collector.blocks[0].bytes).data ?? [])
        #expect(data == UnixFSData(kind: .symlink, data: Array(utf8: "foo")))
    }

    @Test("bad names and targets are rejected with a reason")
    func invalidEntries() throws {
        let file = cidOfFile([])
        var directory = UnixFSDirectoryBuilder()
        #expect(throws: UnixFSEntryError.emptyName) { try directory.add(name: "", node: file) }
        for name in [".", "..", "a/b", "nul\u{0}"] {
            #expect(throws: UnixFSEntryError.invalidName(name)) { try directory.add(name: name, node: file) }
        }
        let long = String(repeating: "x", count: 256)
        #expect(throws: UnixFSEntryError.nameTooLong(long, byteCount: 256, byteCountMax: 255)) {
            try directory.add(name: long, node: file)
        }
        try directory.add(name: String(repeating: "x", count: 255), node: file)
        try directory.add(name: "same", node: file)
        #expect(throws: UnixFSEntryError.duplicateName("same")) { try directory.add(name: "same", node: file) }
        #expect(directory.count == 2)
        #expect(throws: UnixFSEntryError.emptySymlinkTarget) { try UnixFSSymlink(target: "") }
        #expect(throws: UnixFSEntryError.symlinkTargetTooLong(byteCount: 4_097, byteCountMax: 4_096)) {
            try UnixFSSymlink(target: String(repeating: "a", count: 4_097))
        }
    }

    @Test("a directory that would exceed one block is refused, and the limit is exact")
    func directoryLimit() throws {
        let file = cidOfFile([])
        var directory = UnixFSDirectoryBuilder()
        var index = 0
        var refusal: UnixFSEntryError?
        while refusal == nil {
            do {
                try directory.add(name: String(index) + String(repeating: "n", count: 240), node: file)
                index += 1
            } catch {
                refusal = error
            }
        }
        #expect(refusal == .directoryTooLarge(entryCount: index + 1, blockSizeMax: UnixFSDirectoryBuilder.blockSizeMax))
        let collector = BlockCollector()
        _ = directory.finish(sink: collector.sink)
        let size = collector.blocks[0].bytes.count
        #expect(size <= UnixFSDirectoryBuilder.blockSizeMax)
        #expect(size + 290 > UnixFSDirectoryBuilder.blockSizeMax)
    }
}

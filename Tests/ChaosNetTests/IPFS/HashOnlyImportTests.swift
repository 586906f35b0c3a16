import ChaosNet
import Testing

/// The hash-only import a verifier uses must name content exactly as the block-producing import does.
@Suite("Hash-only import")
struct HashOnlyImportTests {
    static let optionSets: [UnixFSImportOptions] = [
        UnixFSImportOptions(),
        UnixFSImportOptions(rawLeaves: true),
        UnixFSImportOptions(cidVersion: .v1),
        UnixFSImportOptions(cidVersion: .v1, rawLeaves: false),
        // Small chunks give files of several tree levels (more than 174 leaves).
        UnixFSImportOptions(chunkSize: 512),
    ]

    /// Deterministic bytes that differ from chunk to chunk.
    static func content(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
    }

    /// Feeds `bytes` in `pieceSize` pieces, the last one through `finish(appending:)` when `lastPiece` is set.
    static func importPieces(
        _ bytes: [UInt8], pieceSize: Int, options: UnixFSImportOptions, emitsLeaves: Bool, lastPiece: Bool,
        sink: (IPFSBlock) -> Void
    ) -> ImportedNode {
        var importer = UnixFSImporter(options: options, emitsLeaves: emitsLeaves)
        var pieces = stride(from: 0, to: bytes.count, by: pieceSize).map {
            bytes[$0..<min(bytes.count, $0 + pieceSize)]
        }
        let last = lastPiece ? pieces.popLast() ?? [] : []
        for piece in pieces {
            importer.append(piece, sink: sink)
        }
        return lastPiece ? importer.finish(appending: last, sink: sink) : importer.finish(sink: sink)
    }

    @Test(
        "hash-only and finish(appending:) give the root and blocks of a plain import",
        arguments: [0, 1, 511, 512, 1000, 262_143, 262_144, 262_145, 600_000], [777, 1 << 20])
    func sameRoots(size: Int, pieceSize: Int) {
        let bytes = Self.content(size)
        for options in Self.optionSets {
            let plain = BlockCollector()
            let expected = Self.importPieces(
                bytes, pieceSize: pieceSize, options: options, emitsLeaves: true, lastPiece: false, sink: plain.sink)
            let appending = BlockCollector()
            let viaLast = Self.importPieces(
                bytes, pieceSize: pieceSize, options: options, emitsLeaves: true, lastPiece: true,
                sink: appending.sink)
            #expect(viaLast == expected)
            #expect(appending.blocks == plain.blocks)
            // Internal nodes still reach the sink; leaves never do.
            let internalNodes = plain.blocks.filter {
                $0.cid.codec == .dagPB && (try? PBNode(decoding: $0.bytes))?.links.isEmpty == false
            }
            for lastPiece in [false, true] {
                let sunk = BlockCollector()
                let hashed = Self.importPieces(
                    bytes, pieceSize: pieceSize, options: options, emitsLeaves: false, lastPiece: lastPiece,
                    sink: sunk.sink)
                #expect(hashed == expected, "size \(size), options \(options), last piece \(lastPiece)")
                #expect(sunk.blocks == internalNodes)
            }
        }
    }

    @Test("a tree imported without a sink has the root of one imported with blocks", arguments: [1, 4096, 1 << 20])
    func treeRoots(readChunkSize: Int) async throws {
        let fileSystem = SimFileSystem()
        try await fileSystem.createDirectory(at: "/tree/a/b", withIntermediates: true)
        try await fileSystem.writeFile(at: "/tree/empty", contents: [UInt8]())
        try await fileSystem.writeFile(at: "/tree/a/small", contents: Self.content(100))
        try await fileSystem.writeFile(at: "/tree/a/b/large", contents: Self.content(700_000))
        try await fileSystem.createSymlink(at: "/tree/link", target: "a/small")
        for options in Self.optionSets {
            let importer = UnixFSTreeImporter(options: options, includeHidden: true, readChunkSize: readChunkSize)
            let withBlocks = try await importer.importItem(at: "/tree", in: fileSystem) { _ in }
            let hashed = try await importer.importItem(at: "/tree", in: fileSystem)
            #expect(hashed == withBlocks)
        }
    }
}

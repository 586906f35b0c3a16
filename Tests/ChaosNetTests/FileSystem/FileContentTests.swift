import ChaosCore
import ChaosNet
import Testing

/// Content as extents: normal form, slicing, and digests that do not depend on how the content was assembled.
@Suite struct FileContentTests {
    @Test func literalContentDigestsAsItsBytes() {
        let bytes = Array("the quick brown fox".utf8)
        var content = FileContent()
        for piece in bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false).enumerated() {
            if piece.offset > 0 { content.append([UInt8(ascii: " ")]) }
            content.append(piece.element)
        }
        #expect(content.extents.count == 1)
        #expect(content.materialize() == bytes)
        #expect(content.digest == FNV1a64.hash(bytes))
    }

    @Test func contiguousSyntheticRangesMergeAndSlicesRejoinToTheSameValue() {
        let whole = FileContent(SyntheticBytes(seed: 7, count: 10_000_000_000))
        var rejoined = FileContent()
        var start = 0
        for length in [1, 4095, 1 << 20, 3_000_000_000, 6_998_947_328, 0, 1] where start < whole.count {
            rejoined.append(whole.slice(from: start, count: length))
            start += length
        }
        rejoined.append(whole.slice(from: start, count: .max))
        #expect(rejoined == whole)
        #expect(rejoined.extents.count == 1)
        #expect(rejoined.digest == whole.digest)
    }

    @Test func aHasherFedInPiecesMatchesTheWholeDigest() {
        var content = FileContent(Array("header".utf8))
        content.append(SyntheticBytes(seed: 3, offset: 100, count: 5000))
        content.append(Array("trailer".utf8))
        var hasher = FileContentHasher()
        for start in stride(from: 0, to: content.count, by: 333) {
            hasher.combine(content.slice(from: start, count: 333))
        }
        #expect(hasher.value == content.digest)
    }

    @Test func syntheticBytesAreTheSameWhicheverSliceMaterialisesThem() {
        let range = SyntheticBytes(seed: 42, offset: 3, count: 1000)
        let all = range.materialize()
        #expect(all.count == 1000)
        #expect(Array(all[17..<530]) == range.slice(from: 17, count: 513).materialize())
        // Another seed is another stream; a different offset is a shifted view of the same one.
        #expect(SyntheticBytes(seed: 43, offset: 3, count: 1000).materialize() != all)
        #expect(Array(SyntheticBytes(seed: 42, offset: 0, count: 1003).materialize().dropFirst(3)) == all)
    }

    @Test func contentsMadeDifferentlyDiffer() {
        let synthetic = FileContent(SyntheticBytes(seed: 1, count: 64))
        let materialised = FileContent(synthetic.materialize())
        #expect(synthetic != materialised)
        #expect(synthetic.digest != materialised.digest)
        #expect(synthetic.materialize() == materialised.materialize())
    }

    @Test func aSimulatedFileKeepsSyntheticContentAndCountsItsSize() async throws {
        let fs = SimFileSystem(capacityBytes: 50_000_000_000)
        let handle = try await fs.openForWriting(at: "/big")
        try await handle.append(Array("prefix".utf8))
        try await handle.append(content: FileContent(SyntheticBytes(seed: 9, count: 19_000_000_000)))
        try await handle.close()
        #expect(try await fs.attributes(at: "/big").size == 19_000_000_006)
        #expect(fs.usedBytes == 19_000_000_006)
        let tail = try await fs.readContent(at: "/big", offset: 18_999_999_000, count: 10_000)
        #expect(tail == FileContent(SyntheticBytes(seed: 9, offset: 18_999_998_994, count: 1006)))
        #expect(try await fs.readFile(at: "/big", offset: 0, count: 6) == Array("prefix".utf8))
        let snapshot = try fs.snapshot()
        #expect(snapshot.entries.first?.contentDigest == (try await fs.readContent(at: "/big")).digest)
    }

    @Test func aFullDiskStoresThePrefixOfSyntheticContentThatFits() async throws {
        let fs = SimFileSystem(capacityBytes: 1000)
        let handle = try await fs.openForWriting(at: "/f")
        await #expect(throws: FileSystemError.noSpace(path: "/f", needed: 5000, available: 1000)) {
            try await handle.append(content: FileContent(SyntheticBytes(seed: 1, count: 5000)))
        }
        #expect(try await fs.readContent(at: "/f") == FileContent(SyntheticBytes(seed: 1, count: 1000)))
    }
}

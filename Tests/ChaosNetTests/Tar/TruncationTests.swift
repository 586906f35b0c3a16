import ChaosNet
import Testing

@Suite("Streams that stop early")
struct TruncationTests {
    /// A region of the archive and what a cut inside it must report.
    private enum Region {
        case header(pendingPaxOffset: UInt64?)
        case paxData
        case paxPadding
        case content(path: String)
        case padding(path: String)
        case endBlock(index: Int)
    }

    private struct Segment {
        var start: Int
        var count: Int
        var region: Region
    }

    /// Writes `items` while recording where each header, content and padding region lies.
    private static func layout(_ items: [ArchivedItem]) throws -> (archive: [UInt8], segments: [Segment]) {
        var writer = TarWriter()
        var archive: [UInt8] = []
        var segments: [Segment] = []
        func add(_ bytes: [UInt8], _ region: Region) {
            if !bytes.isEmpty {
                segments.append(Segment(start: archive.count, count: bytes.count, region: region))
            }
            archive += bytes
        }
        for item in items {
            let header = try writer.header(for: item.entry)
            if header.count > 512 {
                let paxCount = Int(String(decoding: header[124..<135], as: UTF8.self), radix: 8)!
                let paxOffset = UInt64(archive.count)
                add(Array(header[0..<512]), .header(pendingPaxOffset: nil))
                add(Array(header[512..<(512 + paxCount)]), .paxData)
                add(Array(header[(512 + paxCount)..<(header.count - 512)]), .paxPadding)
                add(Array(header.suffix(512)), .header(pendingPaxOffset: paxOffset))
            } else {
                add(header, .header(pendingPaxOffset: nil))
            }
            add(item.content, .content(path: item.entry.path))
            let padding = item.content.isEmpty ? [] : try writer.contentWritten(item.content.count)
            add(padding, .padding(path: item.entry.path))
        }
        let end = try writer.end()
        add(Array(end[0..<512]), .endBlock(index: 0))
        add(Array(end[512...]), .endBlock(index: 1))
        return (archive, segments)
    }

    /// What reading the first `cut` bytes must report, derived from the layout alone.
    private static func expected(cut: Int, segments: [Segment]) -> Result<TarCompletion, TarReadError> {
        guard let segment = segments.first(where: { cut >= $0.start && cut < $0.start + $0.count }) else {
            return .success(.endBlocks(paddingCount: 0))
        }
        let got = cut - segment.start
        switch segment.region {
        case .header(let pendingPaxOffset):
            if got > 0 {
                return .failure(.truncatedHeader(offset: UInt64(segment.start), got: got))
            }
            if let pendingPaxOffset {
                return .failure(.extendedHeaderWithoutEntry(offset: pendingPaxOffset))
            }
            return .success(.missingEndBlocks(zeroBlockCount: 0))
        case .paxData:
            return .failure(
                .truncatedData(
                    path: "pax extended header", expected: UInt64(segment.count), got: UInt64(got)))
        case .paxPadding:
            return .failure(.truncatedPadding(path: "pax extended header", expected: segment.count, got: got))
        case .content(let path):
            return .failure(.truncatedData(path: path, expected: UInt64(segment.count), got: UInt64(got)))
        case .padding(let path):
            return .failure(.truncatedPadding(path: path, expected: segment.count, got: got))
        case .endBlock(let index):
            if got > 0 {
                return .failure(.truncatedHeader(offset: UInt64(segment.start), got: got))
            }
            return .success(.missingEndBlocks(zeroBlockCount: index))
        }
    }

    @Test("a cut at every byte position reports exactly where the stream stopped", arguments: [97, 65536])
    func everyCut(fragmentSize: Int) throws {
        let items: [ArchivedItem] = [
            ArchivedItem(entry: .directory("QmRoot")),
            SampleTrees.file("QmRoot/a", count: 700, seed: 1),
            ArchivedItem(entry: .file("QmRoot/empty", size: 0)),
            SampleTrees.file("QmRoot/" + SampleTrees.longBaseName, count: 512, seed: 2),
            ArchivedItem(entry: .symlink("QmRoot/l", target: "a")),
            SampleTrees.file("QmRoot/b", count: 5, seed: 3),
        ]
        let (archive, segments) = try Self.layout(items)
        let full = readArchive(archive)
        #expect(full.items == items)
        for cut in 0...archive.count {
            let outcome = readArchive(Array(archive[..<cut]), fragmentSizes: [fragmentSize])
            let expected = Self.expected(cut: cut, segments: segments)
            #expect(outcome.result == expected, "cut at \(cut) of \(archive.count)")
            // Entries seen so far are a prefix of the full list; content may be partial only for the last.
            let seen = outcome.items.map(\.entry)
            #expect(Array(full.items.map(\.entry).prefix(seen.count)) == seen, "cut at \(cut)")
        }
    }

    @Test("a cut inside a header names the bytes received")
    func cutInsideHeader() throws {
        let archive = try writeArchive([SampleTrees.file("a.txt", count: 1000, seed: 1)])
        let outcome = readArchive(Array(archive[..<100]))
        #expect(outcome.error?.description == "truncated header: got 100 of 512 bytes at offset 0")
    }

    @Test("a cut inside content names the entry and the byte counts")
    func cutInsideContent() throws {
        let archive = try writeArchive([SampleTrees.file("dir/a.txt", count: 1000, seed: 1)])
        let outcome = readArchive(Array(archive[..<(512 + 300)]))
        #expect(outcome.error == .truncatedData(path: "dir/a.txt", expected: 1000, got: 300))
        #expect(outcome.error?.description == "truncated data of entry \"dir/a.txt\": expected 1000 bytes, got 300")
        #expect(outcome.items.first?.content == Array(patternBytes(count: 1000, seed: 1).prefix(300)))
    }

    @Test("a cut at an entry boundary is a distinct completion, not an error")
    func cutAtBoundary() throws {
        let items = [SampleTrees.file("a", count: 10, seed: 1), SampleTrees.file("b", count: 10, seed: 2)]
        let archive = try writeArchive(items)
        let outcome = readArchive(Array(archive[..<1024]))
        #expect(outcome.completion == .missingEndBlocks(zeroBlockCount: 0))
        #expect(outcome.items == [items[0]])
        #expect(outcome.endEventCount == 0)
        let oneEndBlock = readArchive(Array(archive.dropLast(512)))
        #expect(oneEndBlock.completion == .missingEndBlocks(zeroBlockCount: 1))
        #expect(readArchive([]).completion == .missingEndBlocks(zeroBlockCount: 0))
    }

    @Test("zero bytes after the end blocks are padding; anything else is garbage")
    func afterTheEnd() throws {
        let archive = try writeArchive([SampleTrees.file("a", count: 10, seed: 1)])
        let recordPadded = archive + [UInt8](repeating: 0, count: 10240 - archive.count)
        #expect(readArchive(recordPadded, fragmentSizes: [100]).completion == .endBlocks(paddingCount: 8192))
        let garbage = archive + [0, 0, 0x41, 0]
        let outcome = readArchive(garbage, fragmentSizes: [1])
        #expect(outcome.error == .garbageAfterEnd(offset: UInt64(archive.count + 2)))
        #expect(outcome.items == [SampleTrees.file("a", count: 10, seed: 1)])
        #expect(outcome.endEventCount == 1)
    }
}

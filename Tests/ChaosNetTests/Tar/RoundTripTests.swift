import ChaosNet
import Testing

@Suite("Round trips through TarWriter and TarReader")
struct RoundTripTests {
    @Test("a single file of a boundary size survives", arguments: [0, 1, 511, 512, 513, 1 << 20])
    func singleFile(size: Int) throws {
        let items = [SampleTrees.file("f.bin", count: size, seed: 3)]
        let outcome = readArchive(try writeArchive(items, pieceCount: 1000))
        #expect(outcome.items == items)
        #expect(outcome.endEventCount == 1)
        #expect(outcome.completion == .endBlocks(paddingCount: 0))
    }

    @Test("directories, symlinks, prefix-split, pax, non-ASCII and long link entries survive")
    func mixedTree() throws {
        let items = SampleTrees.mixed()
        let archive = try writeArchive(items)
        let outcome = readArchive(archive)
        #expect(outcome.items.count == items.count)
        for (read, written) in zip(outcome.items, items) {
            #expect(read == written)
        }
        #expect(outcome.endEventCount == 1)
        #expect(outcome.completion == .endBlocks(paddingCount: 0))
    }

    @Test("the events are entries, then content, then exactly one end")
    func eventOrder() throws {
        let items = [
            ArchivedItem(entry: .directory("r")),
            SampleTrees.file("r/a", count: 700, seed: 1),
            ArchivedItem(entry: .symlink("r/l", target: "a")),
        ]
        var reader = TarReader()
        let events = try reader.feed(try writeArchive(items))
        guard events.count == 5 else {
            Issue.record("expected 5 events, got \(events)")
            return
        }
        #expect(events[0] == .entry(.directory("r")))
        #expect(events[1] == .entry(.file("r/a", size: 700)))
        #expect(events[2] == .data(ArraySlice(items[1].content)))
        #expect(events[3] == .entry(.symlink("r/l", target: "a")))
        #expect(events[4] == .end)
        #expect(try reader.finish() == .endBlocks(paddingCount: 0))
        // Three headers, two content blocks, two end blocks.
        #expect(reader.offset == 512 * 5 + 1024)
    }

    @Test("content pieces are slices of the fed array, not copies")
    func zeroCopyContent() throws {
        let archive = try writeArchive([SampleTrees.file("f", count: 4096, seed: 5)])
        var reader = TarReader()
        let events = try reader.feed(archive)
        guard case .data(let slice) = events[1] else {
            Issue.record("expected content, got \(events[1])")
            return
        }
        #expect(slice.startIndex == 512 && slice.endIndex == 512 + 4096)
        slice.withUnsafeBufferPointer { piece in
            archive.withUnsafeBufferPointer { whole in
                #expect(piece.baseAddress == whole.baseAddress! + 512)
            }
        }
    }
}

import ChaosNet
import Testing

@Suite("Fragment-size independence")
struct FragmentationTests {
    private static let archive: [UInt8] = {
        // A smaller big file keeps one-byte feeding fast in debug builds.
        (try? writeArchive(SampleTrees.mixed(bigFileCount: 70_000))) ?? []
    }()

    @Test(
        "fixed fragment sizes give the same entries and content",
        arguments: [1, 2, 7, 100, 511, 512, 513, 1024, 10240])
    func fixedFragments(size: Int) {
        let reference = readArchive(Self.archive)
        let fragmented = readArchive(Self.archive, fragmentSizes: [size])
        #expect(!reference.items.isEmpty)
        #expect(fragmented.items == reference.items)
        #expect(fragmented.endEventCount == 1)
        #expect(fragmented.completion == .endBlocks(paddingCount: 0))
    }

    @Test("random fragment sizes give the same entries and content", arguments: [1, 2, 3, 4, 5])
    func randomFragments(seed: UInt64) {
        var generator = TestRandom(seed: seed)
        let sizes = (0..<500).map { _ in Int(generator.next() % 1500) + 1 }
        let reference = readArchive(Self.archive)
        let fragmented = readArchive(Self.archive, fragmentSizes: sizes)
        #expect(fragmented.items == reference.items, "seed \(seed)")
        #expect(fragmented.completion == .endBlocks(paddingCount: 0), "seed \(seed)")
    }

    @Test("empty fragments change nothing")
    func emptyFragments() throws {
        var reader = TarReader()
        #expect(try reader.feed([UInt8]()) == [])
        let events = try reader.feed(try writeArchive([ArchivedItem(entry: .directory("d"))]))
        #expect(try reader.feed([UInt8]()) == [])
        #expect(events == [.entry(.directory("d")), .end])
    }

    @Test("any collection of bytes can be fed")
    func genericCollection() throws {
        let archive = try writeArchive([SampleTrees.file("f", count: 600, seed: 2)])
        var reader = TarReader()
        var content: [UInt8] = []
        for event in try reader.feed(archive.reversed().reversed()) {
            if case .data(let bytes) = event {
                content += bytes
            }
        }
        #expect(content == patternBytes(count: 600, seed: 2))
    }
}


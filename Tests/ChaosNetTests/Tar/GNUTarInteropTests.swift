import Foundation
import ChaosNet
import Testing

@Suite("Interoperability with GNU tar")
struct GNUTarInteropTests {
    /// GNU tar quotes non-ASCII names in listings unless the locale is UTF-8.
    private static let tar = ["LC_ALL=C.UTF-8", "tar"]
    private static let mtime: UInt64 = 1_234_567_890

    @Test("GNU tar extracts what TarWriter writes: contents, modes, directories and symlinks")
    func gnuExtractsOurArchive() throws {
        let items = SampleTrees.mixed()
        try withTemporaryDirectory { directory in
            let archive = try DiskTrees.write(try writeArchive(items), named: "ours.tar", in: directory)
            let destination = directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
            let run = try runTool(Self.tar + ["-xf", archive.path, "-C", destination.path])
            #expect(run.status == 0 && run.standardError.isEmpty, "\(run.standardError)")
            try DiskTrees.expectMatches(items, under: destination)
        }
    }

    @Test("GNU tar lists TarWriter's entries in order with owner 0/0 and no warnings")
    func gnuListsOurArchive() throws {
        let items = SampleTrees.mixed(bigFileCount: 10)
        try withTemporaryDirectory { directory in
            let archive = try DiskTrees.write(try writeArchive(items), named: "ours.tar", in: directory)
            let names = try runTool(Self.tar + ["--quoting-style=literal", "-tf", archive.path])
            #expect(names.status == 0 && names.standardError.isEmpty, "\(names.standardError)")
            #expect(names.standardOutput.split(separator: "\n").map(String.init) == items.map(\.entry.path))
            let verbose = try runTool(Self.tar + ["--numeric-owner", "-tvf", archive.path])
            let lines = verbose.standardOutput.split(separator: "\n")
            #expect(lines.count == items.count)
            #expect(lines.allSatisfy { $0.contains(" 0/0 ") }, "\(verbose.standardOutput)")
        }
    }

    @Test("TarReader reads what GNU tar writes", arguments: ["gnu", "pax", "ustar"])
    func weReadGNUArchives(format: String) throws {
        let items = format == "ustar" ? SampleTrees.ustarCompatible() : SampleTrees.mixed()
        try withTemporaryDirectory { directory in
            let source = directory.appendingPathComponent("src")
            try DiskTrees.materialize(items, under: source)
            let archive = directory.appendingPathComponent("theirs.tar")
            let run = try runTool(
                Self.tar + [
                    "--format=\(format)", "--sort=name", "--mtime=@\(Self.mtime)", "--owner=0", "--group=0",
                    "--numeric-owner", "-C", source.path, "-cf", archive.path, "QmRoot",
                ])
            #expect(run.status == 0 && run.standardError.isEmpty, "\(run.standardError)")
            let bytes = try DiskTrees.read(archive)
            let outcome = readArchive(bytes, fragmentSizes: [10240])
            // GNU tar pads the archive to whole 10 KiB records after the end blocks.
            let expectedPadding = UInt64(bytes.count) - (try archiveEndOffset(bytes))
            #expect(outcome.completion == .endBlocks(paddingCount: expectedPadding))
            #expect(outcome.endEventCount == 1)
            #expect(outcome.items.allSatisfy { $0.entry.mtime == Self.mtime })
            let read = DiskTrees.byPath(
                outcome.items.map { item in
                    var item = item
                    item.entry.mtime = 0
                    return item
                })
            let expected = DiskTrees.byPath(items)
            #expect(read.count == expected.count)
            for (path, item) in expected {
                #expect(read[path] == item, "\(format): \(path)")
            }
        }
    }

    @Test("GNU tar silently accepts an archive cut at an entry boundary; TarReader reports it")
    func cutAtBoundary() throws {
        let items = [SampleTrees.file("a", count: 10, seed: 1), SampleTrees.file("b", count: 10, seed: 2)]
        let archive = try writeArchive(items)
        try withTemporaryDirectory { directory in
            let cut = try DiskTrees.write(Array(archive[..<1024]), named: "cut.tar", in: directory)
            let run = try runTool(Self.tar + ["-tf", cut.path])
            #expect(run.status == 0)
            #expect(run.standardOutput == "a\n")
            #expect(readArchive(Array(archive[..<1024])).completion == .missingEndBlocks(zeroBlockCount: 0))
            let insideData = try DiskTrees.write(Array(archive[..<(1024 + 600)]), named: "data.tar", in: directory)
            let failed = try runTool(Self.tar + ["-tf", insideData.path])
            #expect(failed.status != 0, "GNU tar detects a cut inside content")
        }
    }
}

/// The offset just past the two end blocks, found by walking the headers' sizes.
func archiveEndOffset(_ bytes: [UInt8]) throws -> UInt64 {
    var reader = TarReader()
    var end: UInt64 = 0
    var start = 0
    while start < bytes.count && end == 0 {
        let next = min(start + 512, bytes.count)
        if try reader.feed(bytes[start..<next]).contains(.end) {
            end = reader.offset
        }
        start = next
    }
    return end
}

import ChaosNet
import Testing

@Suite("Malformed and hostile input")
struct HostileInputTests {
    private let file =
        RawBlocks.header(name: Array("ok".utf8), typeflag: UInt8(ascii: "0"), size: 3)
        + RawBlocks.padded([1, 2, 3])

    private func error(_ archive: [UInt8], limit: Int = TarReader.extendedHeaderSizeMaxDefault) -> TarReadError? {
        var reader = TarReader(extendedHeaderSizeMax: limit)
        do {
            _ = try reader.feed(archive)
            _ = try reader.finish()
            return nil
        } catch {
            return error
        }
    }

    @Test("hand-built blocks read correctly, so the other tests here exercise only what they change")
    func handBuiltBaseline() throws {
        var reader = TarReader()
        let events = try reader.feed(file + RawBlocks.endBlocks)
        #expect(events == [.entry(.file("ok", size: 3)), .data([1, 2, 3]), .end])
    }

    @Test("a changed header byte fails the checksum, reported at the header's offset")
    func badChecksum() {
        var second = RawBlocks.header(name: Array("two".utf8), typeflag: UInt8(ascii: "5"))
        second[0] = UInt8(ascii: "T")
        guard case .badChecksum(let offset, _, _)? = error(file + second + RawBlocks.endBlocks) else {
            Issue.record("expected a checksum error")
            return
        }
        #expect(offset == 1024)
    }

    @Test("a non-octal numeric field is reported with the field's offset")
    func badOctal() {
        let header = RawBlocks.header(
            name: Array("m".utf8), typeflag: UInt8(ascii: "0"), modeField: Array("00006x4\u{0}".utf8))
        #expect(error(header + RawBlocks.endBlocks) == .badNumericField(offset: 100, field: "mode"))
        let blankChecksum = { () -> [UInt8] in
            var block = header
            block.replaceSubrange(148..<156, with: Array("zzzzzzzz".utf8))
            return block
        }()
        #expect(error(blankChecksum) == .badNumericField(offset: 148, field: "chksum"))
    }

    @Test("a negative base-256 size is refused; a huge positive one streams without allocating")
    func base256Sizes() throws {
        let negative = RawBlocks.header(
            name: Array("n".utf8), typeflag: UInt8(ascii: "0"), sizeField: [UInt8](repeating: 0xFF, count: 12))
        #expect(error(negative) == .badNumericField(offset: 124, field: "size"))
        let huge = RawBlocks.header(
            name: Array("h".utf8), typeflag: UInt8(ascii: "0"),
            sizeField: [0x80, 0, 0, 0, 0x40]
                + [UInt8](
                    repeating: 0, count: 7))
        var reader = TarReader()
        let events = try reader.feed(huge + [7, 7])
        #expect(events == [.entry(.file("h", size: 1 << 62)), .data([7, 7])])
        #expect(throws: TarReadError.truncatedData(path: "h", expected: 1 << 62, got: 2)) { try reader.finish() }
    }

    @Test("hard links, devices and FIFOs are refused with a clear message")
    func unsupportedTypes() {
        let cases: [(UInt8, String)] = [
            (UInt8(ascii: "1"), "hard link"), (UInt8(ascii: "3"), "character device"),
            (UInt8(ascii: "4"), "block device"), (UInt8(ascii: "6"), "FIFO"), (UInt8(ascii: "S"), "GNU sparse file"),
            (UInt8(ascii: "Q"), "unknown type"),
        ]
        for (typeflag, description) in cases {
            let header = RawBlocks.header(name: Array("x".utf8), typeflag: typeflag, linkname: Array("ok".utf8))
            let expected = TarReadError.unsupportedEntryType(offset: 1024, typeflag: typeflag, description: description)
            #expect(error(file + header) == expected)
        }
        let hardLink = RawBlocks.header(name: Array("x".utf8), typeflag: UInt8(ascii: "1"))
        #expect(error(hardLink)?.description == "unsupported entry type '1' (hard link) at offset 0")
    }

    @Test("a pax header larger than the limit is refused before any of it is buffered")
    func hugePaxHeader() {
        let claim = RawBlocks.header(name: Array("p".utf8), typeflag: UInt8(ascii: "x"), size: 1 << 32)
        #expect(error(claim) == .extendedHeaderTooLarge(offset: 0, size: 1 << 32, limit: 1 << 20))
        let longName = RawBlocks.header(name: Array("././@LongLink".utf8), typeflag: UInt8(ascii: "L"), size: 5000)
        #expect(error(longName, limit: 4096) == .extendedHeaderTooLarge(offset: 0, size: 5000, limit: 4096))
    }

    @Test("a pax header exactly at the limit is accepted; one byte more is not")
    func paxLimitBoundary() throws {
        // "600 path=<590 bytes>\n" is exactly 600 bytes.
        let name = String(repeating: "a", count: 590)
        let record = Array("600 path=\(name)\n".utf8)
        #expect(record.count == 600)
        let archive = RawBlocks.pax(record) + file + RawBlocks.endBlocks
        var reader = TarReader(extendedHeaderSizeMax: 600)
        let events = try reader.feed(archive)
        #expect(events.first == .entry(.file(name, size: 3)))
        #expect(error(archive, limit: 599) == .extendedHeaderTooLarge(offset: 0, size: 600, limit: 599))
    }

    @Test(
        "malformed pax records are refused with the record's offset",
        arguments: [
            ("99 path=x\n", "record length exceeds the header size"),
            ("abc path=x\n", "expected a decimal length followed by a space"),
            ("11 pathx=y\r", "record does not end with a newline"),
            ("8 pathx\n", "record is not key=value"),
            ("7 =abc\n", "record is not key=value"),
            ("3 \n", "record length 3 does not fit the header"),
            ("14 size=12a45\n", "size is not a decimal number"),
            ("33 size=999999999999999999999999\n", "size is not a decimal number"),
            ("29 size=99999999999999999999\n", "size does not fit in 64 bits"),
            ("12 mtime=-1\n", "mtime is not a non-negative decimal time"),
        ])
    func badPaxRecords(record: String, reason: String) {
        let archive = RawBlocks.pax(Array("10 a=bcde\n".utf8) + Array(record.utf8)) + file
        #expect(error(archive) == .badPaxRecord(offset: 512 + 10, reason: reason))
    }

    @Test("paths with NUL bytes or invalid UTF-8, and empty paths, are refused")
    func badPaths() {
        let nulPath = RawBlocks.pax(Array("12 path=a\u{0}b\n".utf8)) + file
        #expect(error(nulPath) == .pathContainsNUL(offset: 1024))
        let gnuNul =
            RawBlocks.header(name: Array("././@LongLink".utf8), typeflag: UInt8(ascii: "L"), size: 4)
            + RawBlocks.padded([0x61, 0, 0x62, 0]) + file
        #expect(error(gnuNul) == .pathContainsNUL(offset: 1024))
        let latin1 = RawBlocks.header(name: [0x63, 0xE9], typeflag: UInt8(ascii: "5"))
        #expect(error(latin1) == .pathNotUTF8(offset: 0))
        let empty = RawBlocks.header(name: [], typeflag: UInt8(ascii: "5"))
        #expect(error(empty) == .emptyPath(offset: 0))
    }

    @Test("GNU sparse pax keys are refused rather than misread")
    func sparsePax() {
        let archive = RawBlocks.pax(Array("22 GNU.sparse.major=1\n".utf8)) + file
        #expect(
            error(archive)
                == .unsupportedEntryType(
                    offset: 0, typeflag: UInt8(ascii: "x"), description: "GNU sparse file"))
    }

    @Test("an extended header followed by the end blocks is an error")
    func danglingPax() {
        let archive = file + RawBlocks.pax(Array("10 path=a\n".utf8)) + RawBlocks.endBlocks
        #expect(error(archive) == .extendedHeaderWithoutEntry(offset: 2048))
    }

    @Test("one zero block followed by a header is a lone zero block")
    func loneZeroBlock() {
        let archive = file + [UInt8](repeating: 0, count: 512) + file
        #expect(error(archive) == .loneZeroBlock(offset: 1536))
    }

    @Test("after an error every call throws it again")
    func stickyFailure() throws {
        var reader = TarReader()
        var broken = file
        broken[5] ^= 1
        #expect(throws: TarReadError.self) { try reader.feed(broken) }
        #expect(throws: TarReadError.self) { try reader.feed(file) }
        #expect(throws: TarReadError.self) { try reader.finish() }
    }

    @Test("random corruption of a valid archive never crashes the reader", arguments: [1, 2, 3])
    func fuzz(seed: UInt64) throws {
        var generator = TestRandom(seed: seed)
        let original = try writeArchive(SampleTrees.mixed(bigFileCount: 3000))
        let headerStarts = stride(from: 0, to: original.count, by: 512).filter { start in
            original[start..<(start + 512)].contains { $0 != 0 } && original[start + 257] == UInt8(ascii: "u")
        }
        for round in 0..<400 {
            var archive = original
            let start = headerStarts[Int(generator.next() % UInt64(headerStarts.count))]
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let position = start + Int(generator.next() % 512)
                archive[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            // Fixing the checksum half of the time lets the corruption reach the field parsers.
            if round % 2 == 0 {
                RawBlocks.fixChecksum(&archive, blockAt: start)
            }
            let cut = Int(generator.next() % UInt64(archive.count + 1))
            let outcome = readArchive(Array(archive[..<cut]), fragmentSizes: [Int(generator.next() % 700) + 1])
            #expect(outcome.items.count <= 40, "seed \(seed) round \(round)")
        }
    }
}

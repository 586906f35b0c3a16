import Testing

import ChaosNet
@testable import ChaosTar

@Suite("TarWriter")
struct TarWriterTests {
    private func field(_ block: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: block[range], as: UTF8.self)
    }

    @Test("a file header has NUL-terminated octal fields, ustar magic and a valid checksum")
    func fileHeaderLayout() throws {
        var writer = TarWriter()
        let block = try writer.header(for: .file("a.txt", size: 5, mtime: 1234))
        #expect(block.count == 512)
        #expect(field(block, 0..<100) == "a.txt" + String(repeating: "\u{0}", count: 95))
        #expect(field(block, 100..<108) == "0000644\u{0}")
        #expect(field(block, 108..<116) == "0000000\u{0}")
        #expect(field(block, 116..<124) == "0000000\u{0}")
        #expect(field(block, 124..<136) == "00000000005\u{0}")
        #expect(field(block, 136..<148) == "00000002322\u{0}")
        #expect(block[156] == UInt8(ascii: "0"))
        #expect(field(block, 257..<265) == "ustar\u{0}00")
        #expect(block[265..<345].allSatisfy { $0 == 0 || $0 == UInt8(ascii: "0") })
        #expect(block[265..<329].allSatisfy { $0 == 0 }, "uname and gname are empty")
        var spaced = block
        spaced.replaceSubrange(148..<156, with: [UInt8](repeating: 32, count: 8))
        let sum = spaced.reduce(0) { $0 + Int($1) }
        let octal = String(sum, radix: 8)
        #expect(field(block, 148..<156) == String(repeating: "0", count: 6 - octal.count) + octal + "\u{0} ")
    }

    @Test("directories are type 5 size 0 mode 0755; symlinks type 2 mode 0777 with the target")
    func directoryAndSymlinkHeaders() throws {
        var writer = TarWriter()
        let directory = try writer.header(for: .directory("QmRoot"))
        #expect(directory[156] == UInt8(ascii: "5"))
        #expect(field(directory, 100..<108) == "0000755\u{0}")
        #expect(field(directory, 124..<136) == "00000000000\u{0}")
        let link = try writer.header(for: .symlink("QmRoot/l", target: "../x"))
        #expect(link[156] == UInt8(ascii: "2"))
        #expect(field(link, 100..<108) == "0000777\u{0}")
        #expect(field(link, 157..<161) == "../x" && link[161] == 0)
        #expect(writer.contentRemaining == 0)
    }

    @Test("end() is exactly two zero blocks and an archive ends with them", arguments: [0, 1, 511, 512, 513])
    func endBlocks(size: Int) throws {
        var writer = TarWriter()
        #expect(try writer.end() == [UInt8](repeating: 0, count: 1024))
        let archive = try writeArchive([
            ArchivedItem(
                entry: .file("f", size: UInt64(size)),
                content: [UInt8](
                    repeating: 0xAB, count: size))
        ])
        let expectedCount = 512 + (size + 511) / 512 * 512 + 1024
        #expect(archive.count == expectedCount)
        #expect(archive.suffix(1024).allSatisfy { $0 == 0 })
    }

    @Test("padding comes exactly when the content is complete", arguments: [1, 511, 512, 513, 1025])
    func paddingAfterContent(size: Int) throws {
        var writer = TarWriter()
        _ = try writer.header(for: .file("f", size: UInt64(size)))
        #expect(writer.contentRemaining == UInt64(size))
        #expect(try writer.contentWritten(0) == [])
        if size > 1 {
            #expect(try writer.contentWritten(size - 1) == [])
            #expect(writer.contentRemaining == 1)
        }
        let padding = try writer.contentWritten(size > 1 ? 1 : size)
        #expect(padding == [UInt8](repeating: 0, count: (512 - size % 512) % 512))
        #expect(writer.contentRemaining == 0)
    }

    @Test("content beyond the declared size is refused and leaves the writer unchanged")
    func contentTooLong() throws {
        var writer = TarWriter()
        _ = try writer.header(for: .file("d/f", size: 10))
        _ = try writer.contentWritten(4)
        #expect(throws: TarWriteError.contentExceedsSize(path: "d/f", size: 10, offered: 11)) {
            try writer.contentWritten(7)
        }
        #expect(writer.contentRemaining == 6)
        #expect(try writer.contentWritten(6).count == 502)
    }

    @Test("a new header or the end before the content is complete is refused")
    func contentTooShort() throws {
        var writer = TarWriter()
        _ = try writer.header(for: .file("f", size: 10))
        _ = try writer.contentWritten(4)
        let incomplete = TarWriteError.contentIncomplete(path: "f", size: 10, written: 4)
        #expect(throws: incomplete) { try writer.header(for: .directory("d")) }
        #expect(throws: incomplete) { try writer.end() }
        #expect(incomplete.description == "content of \"f\" is incomplete: declared 10 bytes, written 4")
    }

    @Test("content with no open file is refused")
    func contentWithoutFile() throws {
        var writer = TarWriter()
        _ = try writer.header(for: .file("empty", size: 0))
        #expect(throws: TarWriteError.noOpenFile) { try writer.contentWritten(1) }
    }

    @Test("empty paths, NUL bytes and empty link targets are refused")
    func unrepresentablePaths() {
        var writer = TarWriter()
        #expect(throws: TarWriteError.unrepresentablePath("", reason: "path is empty")) {
            try writer.header(for: .directory(""))
        }
        #expect(throws: TarWriteError.unrepresentablePath("a\u{0}b", reason: "path contains a NUL byte")) {
            try writer.header(for: .file("a\u{0}b", size: 0))
        }
        #expect(throws: TarWriteError.unrepresentablePath("", reason: "link target is empty")) {
            try writer.header(for: .symlink("l", target: ""))
        }
    }

    @Test("a long ASCII path with a usable slash is split into prefix and name without pax")
    func ustarPrefixSplit() throws {
        let directory = String(repeating: "d", count: 120)
        let name = String(repeating: "n", count: 90)
        var writer = TarWriter()
        let block = try writer.header(for: .file(directory + "/" + name, size: 0))
        #expect(block.count == 512)
        #expect(field(block, 0..<90) == name && block[90] == 0)
        #expect(field(block, 345..<465) == directory && block[465] == 0)
    }

    @Test("a 100-byte name fits ustar; 101 bytes without a slash needs a pax path record")
    func paxForLongName() throws {
        var writer = TarWriter()
        let fits = String(repeating: "a", count: 100)
        #expect(try writer.header(for: .file(fits, size: 0)).count == 512)
        let long = String(repeating: "b", count: 101)
        let bytes = try writer.header(for: .file(long, size: 0))
        #expect(bytes.count == 3 * 512)
        #expect(bytes[156] == UInt8(ascii: "x"))
        // Three digits, a space, "path=", 101 bytes, a newline: 111 bytes, octal 157.
        #expect(field(bytes, 124..<136) == "00000000157\u{0}")
        #expect(field(bytes, 512..<(512 + 111)) == "111 path=\(long)\n")
        #expect(bytes[1024 + 156] == UInt8(ascii: "0"))
    }

    @Test("every pax record's length prefix counts the whole record, digits included")
    func paxRecordLengths() {
        for valueCount in 0...1_100 {
            let record = TarPaxRecords.record(key: "path", value: [UInt8](repeating: 0x61, count: valueCount))
            let digits = record.prefix { $0 != UInt8(ascii: " ") }
            #expect(Int(String(decoding: digits, as: UTF8.self)) == record.count, "value length \(valueCount)")
            #expect(record.last == UInt8(ascii: "\n"))
        }
    }

    @Test("a non-ASCII path goes into a pax record with an ASCII stand-in in the name field")
    func nonASCIIPath() throws {
        var writer = TarWriter()
        let path = "données/é.txt"
        let bytes = try writer.header(for: .file(path, size: 3))
        #expect(bytes.count == 3 * 512)
        // Two length digits, a space, the key and "=", the value, a newline.
        let recordCount = 2 + 1 + "path=".utf8.count + path.utf8.count + 1
        #expect(field(bytes, 512..<(512 + recordCount)) == "\(recordCount) path=\(path)\n")
        #expect(bytes[1024..<1124].allSatisfy { $0 < 0x80 })
    }

    @Test("a link target over 100 bytes or non-ASCII goes into a pax linkpath record")
    func paxLinkpath() throws {
        var writer = TarWriter()
        let target = String(repeating: "t/", count: 60)
        let bytes = try writer.header(for: .symlink("l", target: target))
        #expect(bytes.count == 3 * 512)
        #expect(field(bytes, 512..<(512 + 134)) == "134 linkpath=\(target)\n")
        let short = try writer.header(for: .symlink("l", target: String(repeating: "t", count: 100)))
        #expect(short.count == 512)
        let accented = try writer.header(for: .symlink("l", target: "é"))
        #expect(field(accented, 512..<(512 + 15)) == "15 linkpath=é\n")
    }

    @Test("sizes up to 8 GiB - 1 fit the octal field; larger sizes need a pax size record")
    func paxSize() throws {
        var writer = TarWriter()
        let largest: UInt64 = (1 << 33) - 1
        let fits = try writer.header(for: .file("f", size: largest))
        #expect(fits.count == 512)
        #expect(field(fits, 124..<136) == "77777777777\u{0}")
        var bigWriter = TarWriter()
        let big = try bigWriter.header(for: .file("g", size: largest + 1))
        #expect(big.count == 3 * 512)
        #expect(field(big, 512..<(512 + 19)) == "19 size=8589934592\n")
        var reader = TarReader()
        let events = try reader.feed(big)
        #expect(events == [.entry(.file("g", size: largest + 1))])
        #expect(throws: TarReadError.truncatedData(path: "g", expected: largest + 1, got: 0)) {
            try reader.finish()
        }
    }

    @Test("an mtime beyond the octal field goes into a pax mtime record")
    func paxMtime() throws {
        var writer = TarWriter()
        let mtime: UInt64 = 1 << 40
        let bytes = try writer.header(for: .directory("d", mtime: mtime))
        #expect(bytes.count == 3 * 512)
        var reader = TarReader()
        #expect(try reader.feed(bytes) == [.entry(.directory("d", mtime: mtime))])
    }
}

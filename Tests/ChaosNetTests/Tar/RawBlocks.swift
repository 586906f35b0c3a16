/// Hand-built header blocks for feeding the reader inputs the writer would never produce.
///
/// This deliberately repeats the ustar layout independently of the library, so a layout mistake in
/// the library cannot hide itself in the tests.
enum RawBlocks {
    static func octal(_ value: UInt64, width: Int) -> [UInt8] {
        let digits = String(value, radix: 8)
        let padded = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        return Array(padded.utf8) + [0]
    }

    /// A POSIX ustar header block with a correct checksum.
    static func header(
        name: [UInt8], typeflag: UInt8, size: UInt64 = 0, mode: UInt64 = 0o644, linkname: [UInt8] = [],
        sizeField: [UInt8]? = nil, modeField: [UInt8]? = nil, prefix: [UInt8] = []
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        put(name, at: 0, in: &block)
        put(modeField ?? octal(mode, width: 8), at: 100, in: &block)
        put(octal(0, width: 8), at: 108, in: &block)
        put(octal(0, width: 8), at: 116, in: &block)
        put(sizeField ?? octal(size, width: 12), at: 124, in: &block)
        put(octal(0, width: 12), at: 136, in: &block)
        block[156] = typeflag
        put(linkname, at: 157, in: &block)
        put(Array("ustar\u{0}00".utf8), at: 257, in: &block)
        put(prefix, at: 345, in: &block)
        fixChecksum(&block)
        return block
    }

    /// Rewrites the checksum of the block starting at `start` after its bytes were changed.
    static func fixChecksum(_ bytes: inout [UInt8], blockAt start: Int = 0) {
        for index in (start + 148)..<(start + 156) {
            bytes[index] = UInt8(ascii: " ")
        }
        let sum = bytes[start..<(start + 512)].reduce(UInt64(0)) { $0 + UInt64($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: start + 148, in: &bytes)
    }

    /// Content followed by zero padding to a whole number of blocks.
    static func padded(_ content: [UInt8]) -> [UInt8] {
        content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    /// A pax `x` member carrying `records` verbatim.
    static func pax(_ records: [UInt8]) -> [UInt8] {
        header(name: Array("PaxHeader".utf8), typeflag: UInt8(ascii: "x"), size: UInt64(records.count))
            + padded(records)
    }

    static let endBlocks = [UInt8](repeating: 0, count: 1024)

    private static func put(_ bytes: [UInt8], at offset: Int, in block: inout [UInt8]) {
        block.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }
}

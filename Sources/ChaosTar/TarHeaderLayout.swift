/// Byte positions of the ustar header fields and the typeflag values the reader and writer know.
enum TarHeaderLayout {
    static let blockSize = 512

    static let name = 0..<100
    static let mode = 100..<108
    static let uid = 108..<116
    static let gid = 116..<124
    static let size = 124..<136
    static let mtime = 136..<148
    static let checksum = 148..<156
    static let typeflag = 156
    static let linkname = 157..<257
    static let magic = 257..<263
    static let version = 263..<265
    static let uname = 265..<297
    static let gname = 297..<329
    static let devmajor = 329..<337
    static let devminor = 337..<345
    static let prefix = 345..<500

    /// POSIX ustar magic and version; GNU's old format uses `"ustar  \0"` across both fields instead.
    static let posixMagic: [UInt8] = Array("ustar\0".utf8)
    static let posixVersion: [UInt8] = Array("00".utf8)

    /// The number of zero bytes that round `count` up to a whole number of blocks.
    static func paddingCount(after count: UInt64) -> Int {
        let remainder = Int(count % UInt64(blockSize))
        return remainder == 0 ? 0 : blockSize - remainder
    }
}

/// Typeflag bytes, named after what they mean.
enum TarTypeflag {
    static let regular = UInt8(ascii: "0")
    static let regularOld: UInt8 = 0
    static let hardLink = UInt8(ascii: "1")
    static let symlink = UInt8(ascii: "2")
    static let characterDevice = UInt8(ascii: "3")
    static let blockDevice = UInt8(ascii: "4")
    static let directory = UInt8(ascii: "5")
    static let fifo = UInt8(ascii: "6")
    static let contiguous = UInt8(ascii: "7")
    static let paxExtended = UInt8(ascii: "x")
    static let paxGlobal = UInt8(ascii: "g")
    static let gnuLongName = UInt8(ascii: "L")
    static let gnuLongLink = UInt8(ascii: "K")

    /// A human description of a typeflag this library refuses, for error messages.
    static func unsupportedDescription(_ typeflag: UInt8) -> String {
        switch typeflag {
        case hardLink: return "hard link"
        case characterDevice: return "character device"
        case blockDevice: return "block device"
        case fifo: return "FIFO"
        case UInt8(ascii: "S"): return "GNU sparse file"
        case UInt8(ascii: "D"): return "GNU dump directory"
        case UInt8(ascii: "M"): return "GNU multi-volume continuation"
        case UInt8(ascii: "V"): return "GNU volume label"
        case UInt8(ascii: "N"): return "old GNU long name"
        default: return "unknown type"
        }
    }
}

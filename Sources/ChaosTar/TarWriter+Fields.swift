/// How the writer fits paths and numbers into ustar fields, and the pax header it falls back to.
extension TarWriter {
    static func validate(_ bytes: [UInt8], original: String, what: String) throws(TarWriteError) {
        if bytes.isEmpty {
            throw .unrepresentablePath(original, reason: "\(what) is empty")
        }
        if bytes.contains(0) {
            throw .unrepresentablePath(original, reason: "\(what) contains a NUL byte")
        }
    }

    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// Splits an ASCII path into ustar prefix and name fields, or returns nil when pax is needed.
    ///
    /// The split happens at a slash and the name part may not be empty, because readers join the two
    /// with a slash. Of the possible splits the one with the longest name is taken.
    static func ustarSplit(_ path: [UInt8]) -> (prefix: ArraySlice<UInt8>, name: ArraySlice<UInt8>)? {
        guard isASCII(path) else { return nil }
        let nameMax = TarHeaderLayout.name.count
        let prefixMax = TarHeaderLayout.prefix.count
        if path.count <= nameMax {
            return ([], path[...])
        }
        let lowest = max(path.count - nameMax - 1, 1)
        let highest = min(prefixMax, path.count - 2)
        guard lowest <= highest else { return nil }
        for slash in lowest...highest where path[slash] == UInt8(ascii: "/") {
            return (path[..<slash], path[(slash + 1)...])
        }
        return nil
    }

    /// A pure-ASCII, NUL-free stand-in of at most `count` bytes for a value carried in a pax record.
    static func asciiStandIn(_ bytes: [UInt8], count: Int) -> [UInt8] {
        bytes.prefix(count).map { $0 < 0x80 ? $0 : UInt8(ascii: "_") }
    }

    static func typeflag(_ kind: TarEntry.Kind) -> UInt8 {
        switch kind {
        case .file: return TarTypeflag.regular
        case .directory: return TarTypeflag.directory
        case .symlink: return TarTypeflag.symlink
        }
    }

    /// A pax `x` member carrying `records`, padded to whole blocks.
    static func paxHeader(_ records: [UInt8]) -> [UInt8] {
        let block = TarHeaderBlock(
            name: paxHeaderName[...], prefix: [], linkname: [], mode: 0o644, size: UInt64(records.count),
            mtime: 0, typeflag: TarTypeflag.paxExtended)
        return block.bytes + records
            + [UInt8](repeating: 0, count: TarHeaderLayout.paddingCount(after: UInt64(records.count)))
    }
}

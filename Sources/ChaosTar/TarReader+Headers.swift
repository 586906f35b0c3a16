/// How the reader interprets a complete header block and a complete extended header.
extension TarReader {
    mutating func interpretHeader(
        _ block: TarHeaderBlock, at headerOffset: UInt64, sink: (TarEvent) -> Void
    ) throws(TarReadError) {
        if block.isZero {
            if pendingOffset != nil {
                throw .extendedHeaderWithoutEntry(offset: headerOffset)
            }
            zeroBlockCount += 1
            if zeroBlockCount == 2 {
                state = .ended(paddingCount: 0)
                sink(.end)
            }
            return
        }
        if zeroBlockCount > 0 {
            throw .loneZeroBlock(offset: headerOffset)
        }
        try verifyChecksum(block, at: headerOffset)
        let typeflag = block.typeflag
        switch typeflag {
        case TarTypeflag.paxExtended, TarTypeflag.paxGlobal, TarTypeflag.gnuLongName, TarTypeflag.gnuLongLink:
            try beginExtendedHeader(block, typeflag: typeflag, at: headerOffset)
        case TarTypeflag.regular, TarTypeflag.regularOld, TarTypeflag.contiguous:
            try emitEntry(block, kind: .file, at: headerOffset, sink: sink)
        case TarTypeflag.directory:
            try emitEntry(block, kind: .directory, at: headerOffset, sink: sink)
        case TarTypeflag.symlink:
            try emitEntry(block, kind: .symlink, at: headerOffset, sink: sink)
        default:
            throw .unsupportedEntryType(
                offset: headerOffset, typeflag: typeflag, description: TarTypeflag.unsupportedDescription(typeflag))
        }
    }

    private func verifyChecksum(_ block: TarHeaderBlock, at headerOffset: UInt64) throws(TarReadError) {
        guard let stored = block.number(TarHeaderLayout.checksum) else {
            throw .badNumericField(offset: headerOffset + UInt64(TarHeaderLayout.checksum.lowerBound), field: "chksum")
        }
        let computed = block.unsignedChecksum
        if stored != computed && Int64(stored) != block.signedChecksum {
            throw .badChecksum(offset: headerOffset, stored: stored, computed: computed)
        }
    }

    private func number(
        _ block: TarHeaderBlock, _ range: Range<Int>, field: String, at headerOffset: UInt64
    ) throws(TarReadError) -> UInt64 {
        guard let value = block.number(range) else {
            throw .badNumericField(offset: headerOffset + UInt64(range.lowerBound), field: field)
        }
        return value
    }

    private mutating func beginExtendedHeader(
        _ block: TarHeaderBlock, typeflag: UInt8, at headerOffset: UInt64
    ) throws(TarReadError) {
        let size = try number(block, TarHeaderLayout.size, field: "size", at: headerOffset)
        guard size <= UInt64(extendedHeaderSizeMax) else {
            throw .extendedHeaderTooLarge(offset: headerOffset, size: size, limit: extendedHeaderSizeMax)
        }
        if typeflag != TarTypeflag.paxGlobal && pendingOffset == nil {
            pendingOffset = headerOffset
        }
        extendedBuffer.removeAll(keepingCapacity: true)
        let dataOffset = headerOffset + UInt64(TarHeaderLayout.blockSize)
        state = .extended(typeflag: typeflag, headerOffset: headerOffset, dataOffset: dataOffset, size: Int(size))
        if size == 0 {
            try completeExtendedHeader(typeflag: typeflag, headerOffset: headerOffset, dataOffset: dataOffset)
        }
    }

    /// Applies a fully buffered extended header to the pending fields and moves on to its padding.
    mutating func completeExtendedHeader(
        typeflag: UInt8, headerOffset: UInt64, dataOffset: UInt64
    ) throws(TarReadError) {
        let data = extendedBuffer
        switch typeflag {
        case TarTypeflag.gnuLongName:
            pendingFields.gnuLongName = Self.gnuLongText(data)
        case TarTypeflag.gnuLongLink:
            pendingFields.gnuLongLink = Self.gnuLongText(data)
        case TarTypeflag.paxGlobal:
            // Global headers are checked for well-formedness and otherwise ignored: the keys that matter
            // here (path, linkpath, size) only make sense per member.
            var discarded = TarExtendedFields()
            try TarPaxRecords.parse(data, dataOffset: dataOffset, headerOffset: headerOffset, into: &discarded)
        default:
            try TarPaxRecords.parse(data, dataOffset: dataOffset, headerOffset: headerOffset, into: &pendingFields)
        }
        extendedBuffer.removeAll(keepingCapacity: data.count <= TarHeaderLayout.blockSize * 8)
        enterPadding(path: Self.extendedHeaderLabel(typeflag), contentCount: UInt64(data.count))
    }

    /// The text of a GNU `L`/`K` header: the name followed by NUL padding, which is stripped.
    private static func gnuLongText(_ data: [UInt8]) -> [UInt8] {
        var end = data.count
        while end > 0 && data[end - 1] == 0 {
            end -= 1
        }
        return Array(data[..<end])
    }

    private mutating func emitEntry(
        _ block: TarHeaderBlock, kind: TarEntry.Kind, at headerOffset: UInt64, sink: (TarEvent) -> Void
    ) throws(TarReadError) {
        let fields = pendingFields
        pendingFields = TarExtendedFields()
        pendingOffset = nil
        let pathBytes = fields.path ?? fields.gnuLongName ?? block.path
        let path = try Self.string(pathBytes, at: headerOffset)
        guard !path.isEmpty else {
            throw .emptyPath(offset: headerOffset)
        }
        // File-type bits that some writers put into the mode field carry nothing the kind does not.
        let mode =
            UInt32(truncatingIfNeeded: try number(block, TarHeaderLayout.mode, field: "mode", at: headerOffset))
            & TarEntry.modeMax
        let headerMtime = try number(block, TarHeaderLayout.mtime, field: "mtime", at: headerOffset)
        let headerSize = try number(block, TarHeaderLayout.size, field: "size", at: headerOffset)
        let mtime = fields.mtime ?? headerMtime
        let entry: TarEntry
        switch kind {
        case .file:
            entry = .file(path, size: fields.size ?? headerSize, mode: mode, mtime: mtime)
        case .directory:
            // Like Go's archive/tar and Python's tarfile, a directory's size field is not content.
            entry = .directory(path, mode: mode, mtime: mtime)
        case .symlink:
            let targetBytes = fields.linkpath ?? fields.gnuLongLink ?? Array(block.text(TarHeaderLayout.linkname))
            entry = .symlink(path, target: try Self.string(targetBytes, at: headerOffset), mode: mode, mtime: mtime)
        }
        sink(.entry(entry))
        if entry.size > 0 {
            state = .content(path: path, size: entry.size, remaining: entry.size)
        }
    }

    /// Decodes a path or link target, refusing NUL bytes and invalid UTF-8 rather than guessing.
    private static func string(_ bytes: [UInt8], at headerOffset: UInt64) throws(TarReadError) -> String {
        if bytes.contains(0) {
            throw .pathContainsNUL(offset: headerOffset)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .pathNotUTF8(offset: headerOffset)
        }
        return string
    }
}

/// A UnixFS symbolic link, `PBNode{Data: {Type: 4, Data: target}}`, as `ipfs add` stores one it meets.
public struct UnixFSSymlink: Hashable, Sendable {
    /// The longest target in UTF-8 bytes, Linux's PATH_MAX.
    public static let targetByteCountMax = 4_096

    /// The path the link points to, stored verbatim and never resolved.
    public let target: String

    /// The options in force; only the CID version matters for symlinks.
    public let options: UnixFSImportOptions

    /// Creates a symlink to a non-empty `target`.
    public init(target: String, options: UnixFSImportOptions = UnixFSImportOptions()) throws(UnixFSEntryError) {
        let byteCount = target.utf8.count
        guard byteCount > 0 else {
            throw .emptySymlinkTarget
        }
        guard byteCount <= Self.targetByteCountMax else {
            throw .symlinkTargetTooLong(byteCount: byteCount, byteCountMax: Self.targetByteCountMax)
        }
        self.target = target
        self.options = options
    }

    /// Encodes the symlink, hands its block to `sink` and returns its root.
    public func finish(sink: (IPFSBlock) throws -> Void) rethrows -> ImportedNode {
        let targetBytes = Array(target.utf8)
        let data = UnixFSData(kind: .symlink, data: targetBytes).encoded
        let block = IPFSBlock(version: options.cidVersion, codec: .dagPB, bytes: PBNode(data: data).encoded)
        try sink(block)
        return ImportedNode(
            cid: block.cid, tsize: UInt64(block.bytes.count), filesize: UInt64(targetBytes.count), kind: .symlink)
    }
}

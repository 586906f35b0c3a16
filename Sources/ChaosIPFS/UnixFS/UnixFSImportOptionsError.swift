/// Why `ipfs add` flags could not be turned into import options.
public enum UnixFSImportOptionsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `cid-version` is not 0 or 1.
    case unsupportedCIDVersion(Int)
    /// The chunker is not a fixed-size chunker (rabin and buzhash are not implemented).
    case unsupportedChunker(String)
    /// The size in `size-<bytes>` is missing, not a decimal number, or zero.
    case invalidChunkSize(String)
    /// The size in `size-<bytes>` exceeds the limit.
    case chunkSizeTooLarge(String, sizeMax: Int)

    /// A sentence that says what was wrong and what is accepted.
    public var description: String {
        switch self {
        case .unsupportedCIDVersion(let version):
            return "unsupported cid-version \(version); expected 0 or 1"
        case .unsupportedChunker(let chunker):
            return "unsupported chunker \"\(chunker)\"; expected size-<bytes>"
        case .invalidChunkSize(let chunker):
            return "invalid chunker \"\(chunker)\"; expected size-<bytes> with a size of at least 1"
        case .chunkSizeTooLarge(let chunker, let sizeMax):
            return "chunker \"\(chunker)\" exceeds the maximum chunk size of \(sizeMax) bytes"
        }
    }
}

/// Why the block store refused a block.
public enum IPFSBlockStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Storing the block would exceed the store's byte limit.
    case full(byteCount: Int, blockSize: Int, byteCountMax: Int)

    /// A sentence that says what was refused and why.
    public var description: String {
        switch self {
        case let .full(byteCount, blockSize, byteCountMax):
            return "block store is full: \(byteCount) bytes held, a \(blockSize)-byte block would exceed the limit"
                + " of \(byteCountMax)"
        }
    }
}

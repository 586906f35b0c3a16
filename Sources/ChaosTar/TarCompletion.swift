/// How a tar stream ended, when it ended somewhere a tar reader may legitimately stop.
///
/// Endings that cut an entry apart are thrown as `TarReadError` instead. The distinction matters
/// because GNU tar and Python's `tarfile` accept `missingEndBlocks` silently, so a downloader that
/// wants to notice a stream cut at an entry boundary has to look at this value.
public enum TarCompletion: Hashable, Sendable {
    /// The archive ended with its two zero blocks, followed by `paddingCount` further zero bytes
    /// (GNU tar pads archives to 10 KiB records; Kubo adds none).
    case endBlocks(paddingCount: UInt64)
    /// The stream stopped between entries after `zeroBlockCount` (0 or 1) of the two end blocks.
    case missingEndBlocks(zeroBlockCount: Int)
}

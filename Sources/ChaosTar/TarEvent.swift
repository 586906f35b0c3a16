/// Something the reader recognised in the bytes fed to it so far.
///
/// Content arrives as `.data` pieces whose boundaries depend on how the input was fragmented; only
/// their concatenation is meaningful. A file's content is complete when `size` bytes have arrived,
/// which is always before the next `.entry` or `.end`.
public enum TarEvent: Hashable, Sendable {
    /// A member header (with any pax or GNU extended headers already applied).
    case entry(TarEntry)
    /// A non-empty piece of the current file's content, sharing storage with the fed input.
    case data(ArraySlice<UInt8>)
    /// The two zero blocks that end the archive.
    case end
}

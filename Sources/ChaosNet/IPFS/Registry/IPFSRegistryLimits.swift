/// Limits on what the registry accepts from one request.
public struct IPFSRegistryLimits: Hashable, Sendable {
    /// The largest `add` upload, multipart framing included.
    public var uploadByteCountMax: Int
    /// The most parts (files, directories, symlinks) in one upload.
    public var uploadPartCountMax: Int

    public init(uploadByteCountMax: Int = 256 << 20, uploadPartCountMax: Int = 100_000) {
        precondition(uploadByteCountMax > 0 && uploadPartCountMax > 0, "registry limits must be positive")
        self.uploadByteCountMax = uploadByteCountMax
        self.uploadPartCountMax = uploadPartCountMax
    }
}

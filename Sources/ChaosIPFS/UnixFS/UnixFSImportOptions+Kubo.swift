extension UnixFSImportOptions {
    /// Builds options from the values of Kubo's `cid-version`, `raw-leaves` and `chunker` flags.
    ///
    /// - Parameters:
    ///   - cidVersion: the `cid-version` argument, `0` or `1`.
    ///   - rawLeaves: the `raw-leaves` argument, or nil when the flag was not given.
    ///   - chunker: the `chunker` argument; `size-<bytes>`, or empty or `default` for `size-262144`.
    public init(cidVersion: Int, rawLeaves: Bool?, chunker: String) throws(UnixFSImportOptionsError) {
        guard let version = CID.Version(rawValue: cidVersion) else {
            throw .unsupportedCIDVersion(cidVersion)
        }
        self.init(cidVersion: version, rawLeaves: rawLeaves, chunkSize: try Self.chunkSize(fromChunker: chunker))
    }

    /// Parses a `chunker` flag value into a chunk size.
    public static func chunkSize(fromChunker chunker: String) throws(UnixFSImportOptionsError) -> Int {
        if chunker.isEmpty || chunker == "default" {
            return chunkSizeDefault
        }
        // Errors quote at most 64 characters, so a hostile flag cannot blow up a log line.
        let shown = String(chunker.prefix(64))
        guard chunker.hasPrefix("size-") else {
            throw .unsupportedChunker(shown)
        }
        let digits = chunker.dropFirst("size-".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidChunkSize(shown)
        }
        // Bound the digit count before converting, so a huge number is reported as too large, not as malformed.
        guard digits.count <= 10, let size = Int(digits), size <= chunkSizeMax else {
            throw .chunkSizeTooLarge(shown, sizeMax: chunkSizeMax)
        }
        guard size > 0 else {
            throw .invalidChunkSize(shown)
        }
        return size
    }
}

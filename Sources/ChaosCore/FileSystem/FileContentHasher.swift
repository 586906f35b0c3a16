/// Digests a `FileContent` fed in pieces, with the result of feeding it whole: literal bytes are hashed as FNV-1a
/// hashes them, and a synthetic range waits until it is known not to continue, so that reading a big synthetic file
/// in chunks digests it as one range.
package struct FileContentHasher {
    private var hasher = FNV1a64()
    /// A synthetic range not yet hashed, because the next piece may continue it.
    private var pending: SyntheticBytes?

    package init() {}

    package mutating func combine(_ content: FileContent) {
        for extent in content.extents {
            switch extent {
            case let .bytes(bytes):
                flush()
                hasher.combine(bytes)
            case let .synthetic(range):
                if let run = pending, run.isContinued(by: range) {
                    pending = SyntheticBytes(seed: run.seed, offset: run.offset, count: run.count + range.count)
                } else {
                    flush()
                    pending = range
                }
            }
        }
    }

    /// The digest of everything combined so far.
    package var value: UInt64 {
        var copy = self
        copy.flush()
        return copy.hasher.value
    }

    private mutating func flush() {
        guard let range = pending else { return }
        pending = nil
        // A marker, then the coordinates: literal bytes would have to spell out this exact 32-byte pattern to collide.
        hasher.combine(0x5359_4e54_4845_5449)  // "SYNTHETI"
        hasher.combine(range.seed)
        hasher.combine(UInt64(range.offset))
        hasher.combine(UInt64(range.count))
    }
}

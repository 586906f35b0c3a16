extension TarReader {
    /// The bytes of the current file's content still to come: 0 unless the reader is inside a file's content.
    public var contentRemaining: UInt64 {
        if case .content(_, _, let remaining) = state { return remaining }
        return 0
    }

    /// Passes over `count` bytes of the current file's content without seeing them, for a caller that holds those
    /// bytes in another form (a synthetic range of a simulated file): the reader then continues as if it had been
    /// fed them. `count` may not exceed `contentRemaining`.
    public mutating func skipContent(_ count: UInt64) {
        guard count > 0 else { return }
        guard case .content(let path, let size, let remaining) = state, count <= remaining else {
            preconditionFailure("skipContent(\(count)) beyond the current file's content")
        }
        offset += count
        if count == remaining {
            enterPadding(path: path, contentCount: size)
        } else {
            state = .content(path: path, size: size, remaining: remaining - count)
        }
    }
}

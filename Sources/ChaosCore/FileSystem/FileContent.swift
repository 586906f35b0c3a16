/// The content of a file as a list of extents, each literal bytes or a range of a synthetic stream, so that a file
/// of gigabytes costs a few words when its bytes do not matter to the code under test, only their identity.
///
/// The list is kept in normal form: no empty extent, no two literal extents in a row, no synthetic extent followed
/// by its own continuation. Two contents built from the same pieces in different steps (appended in one call or in
/// many, sliced and re-joined) are therefore equal (`==`) and have the same `digest`. A synthetic range and the same
/// bytes materialised are different contents: identity follows how the bytes were made, as a content-addressed
/// store's would.
///
/// Real file systems only ever hold literal content; `FileSystem`'s content-level calls convert at their boundary.
public struct FileContent: Sendable, Equatable, CustomStringConvertible {
    /// One piece of a file's content.
    public enum Extent: Sendable, Equatable {
        case bytes([UInt8])
        case synthetic(SyntheticBytes)

        public var count: Int {
            switch self {
            case let .bytes(bytes): bytes.count
            case let .synthetic(range): range.count
            }
        }
    }

    /// The extents in order, in normal form.
    public private(set) var extents: [Extent] = []
    /// The content's length in bytes.
    public private(set) var count = 0
    /// Capacity to give the next literal extent this content starts (a hint; not part of the value).
    private var reservedCapacity = 0

    /// Empty content.
    public init() {}

    /// Literal content.
    public init(_ bytes: some Collection<UInt8>) {
        append(bytes)
    }

    /// A synthetic range as the whole content.
    public init(_ synthetic: SyntheticBytes) {
        append(synthetic)
    }

    public var isEmpty: Bool { count == 0 }

    /// Whether every byte is literal (true when empty), so that `materialize()` costs no generation.
    public var isLiteral: Bool {
        extents.allSatisfy { if case .bytes = $0 { true } else { false } }
    }

    /// Appends literal bytes, merging them into a literal last extent in place.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if case .bytes = extents.last, case var .bytes(tail) = extents.removeLast() {
            // Moved out of the array first, so that the append grows a uniquely held buffer instead of copying it.
            if tail.capacity < tail.count + bytes.count, reservedCapacity > 0 {
                tail.reserveCapacity(tail.count + max(bytes.count, reservedCapacity))
            }
            reservedCapacity = 0
            tail.append(contentsOf: bytes)
            extents.append(.bytes(tail))
        } else {
            var literal: [UInt8] = []
            literal.reserveCapacity(max(bytes.count, reservedCapacity))
            reservedCapacity = 0
            literal.append(contentsOf: bytes)
            extents.append(.bytes(literal))
        }
    }

    /// Says that about `byteCount` more literal bytes will follow, so that their storage is sized once instead of
    /// regrown append by append. Only a hint: the value does not change.
    public mutating func reserveLiteralCapacity(forAppending byteCount: Int) {
        guard byteCount > 0 else { return }
        if case .bytes = extents.last, case var .bytes(tail) = extents.removeLast() {
            if tail.capacity < tail.count + byteCount { tail.reserveCapacity(tail.count + byteCount) }
            extents.append(.bytes(tail))
        } else {
            reservedCapacity = byteCount
        }
    }

    public static func == (lhs: FileContent, rhs: FileContent) -> Bool {
        lhs.count == rhs.count && lhs.extents == rhs.extents
    }

    /// Appends a synthetic range, merging it with a last extent it continues.
    public mutating func append(_ synthetic: SyntheticBytes) {
        guard synthetic.count > 0 else { return }
        count += synthetic.count
        if case let .synthetic(last)? = extents.last, last.isContinued(by: synthetic) {
            extents[extents.count - 1] = .synthetic(
                SyntheticBytes(seed: last.seed, offset: last.offset, count: last.count + synthetic.count))
        } else {
            extents.append(.synthetic(synthetic))
        }
    }

    /// Appends every extent of `other`.
    public mutating func append(_ other: FileContent) {
        for extent in other.extents {
            switch extent {
            case let .bytes(bytes): append(bytes)
            case let .synthetic(range): append(range)
            }
        }
    }

    /// The first `length` bytes (all of them if the content is shorter).
    public func prefix(_ length: Int) -> FileContent {
        slice(from: 0, count: length)
    }

    /// Up to `length` bytes from `start`; fewer, possibly none, past the end.
    public func slice(from start: Int, count length: Int) -> FileContent {
        precondition(start >= 0 && length >= 0, "negative slice")
        if start == 0 && length >= count { return self }
        var result = FileContent()
        var position = 0
        // `length` may be `.max` ("to the end"): compare before adding, so that nothing overflows.
        let end = length >= count - min(start, count) ? count : start + length
        for extent in extents where position < end {
            let extentEnd = position + extent.count
            defer { position = extentEnd }
            guard extentEnd > start else { continue }
            let from = max(start, position) - position
            let to = min(end, extentEnd) - position
            switch extent {
            case let .bytes(bytes): result.append(bytes[from..<to])
            case let .synthetic(range): result.append(range.slice(from: from, count: to - from))
            }
        }
        return result
    }

    /// Every byte, generating synthetic ranges: linear in `count`, for small contents only.
    public func materialize() -> [UInt8] {
        if extents.count == 1, case let .bytes(bytes) = extents[0] { return bytes }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for extent in extents {
            switch extent {
            case let .bytes(literal): bytes.append(contentsOf: literal)
            case let .synthetic(range): bytes.append(contentsOf: range.materialize())
            }
        }
        return bytes
    }

    /// The FNV-1a digest of the content: for literal content, exactly `FNV1a64.hash` of its bytes, so that a file
    /// digests alike on every file system; a synthetic range contributes its stream coordinates, not its bytes.
    public var digest: UInt64 {
        var hasher = FileContentHasher()
        hasher.combine(self)
        return hasher.value
    }

    public var description: String {
        "\(count) bytes in \(extents.count) extent\(extents.count == 1 ? "" : "s")"
    }
}

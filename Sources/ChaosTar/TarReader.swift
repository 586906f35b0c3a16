/// A push parser for tar streams: feed it bytes in any fragments, get entries and content pieces back.
///
/// The reader is a pure state machine with no I/O. Content is handed out as slices of the fed input,
/// so bytes are never copied one at a time; only headers (512 bytes) and extended headers (capped by
/// `extendedHeaderSizeMax`) are buffered. The first error is sticky: every later call throws it again.
/// Fragmentation changes only how content is split into `.data` pieces, never the entries or errors.
/// A value type with no shared state: safe to send between tasks, not to mutate from two at once.
public struct TarReader: Sendable {
    enum State: Sendable {
        /// Collecting a header block in `headerBuffer`.
        case header
        /// Passing through a file's content.
        case content(path: String, size: UInt64, remaining: UInt64)
        /// Collecting a pax or GNU long-name header's content in `extendedBuffer`.
        case extended(typeflag: UInt8, headerOffset: UInt64, dataOffset: UInt64, size: Int)
        /// Skipping the zero padding after content.
        case padding(path: String, remaining: Int, total: Int)
        /// Both end blocks seen; only zero bytes may follow.
        case ended(paddingCount: UInt64)
    }

    /// The default cap on a single pax or GNU long-name header's content.
    public static let extendedHeaderSizeMaxDefault = 1 << 20

    /// The largest pax or GNU long-name header content accepted, in bytes.
    public let extendedHeaderSizeMax: Int
    /// Bytes consumed from the start of the stream.
    public internal(set) var offset: UInt64 = 0

    var state: State = .header
    var headerBuffer: [UInt8] = []
    var extendedBuffer: [UInt8] = []
    /// End blocks seen so far in a row (0 or 1 while in `.header`).
    var zeroBlockCount = 0
    var pendingFields = TarExtendedFields()
    /// Offset of the first extended header waiting for its member, if any.
    var pendingOffset: UInt64?
    private var failure: TarReadError?

    /// Creates a reader at the start of a stream.
    public init(extendedHeaderSizeMax: Int = TarReader.extendedHeaderSizeMaxDefault) {
        precondition(extendedHeaderSizeMax >= 0, "extendedHeaderSizeMax must not be negative")
        self.extendedHeaderSizeMax = extendedHeaderSizeMax
        headerBuffer.reserveCapacity(TarHeaderLayout.blockSize)
    }

    /// Parses the next fragment of the stream and returns the events it completes.
    ///
    /// Events recognised before an error in the same call are lost; use `feed(_:sink:)` to keep them.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) throws(TarReadError) -> [TarEvent] {
        var events: [TarEvent] = []
        try feed(bytes) { events.append($0) }
        return events
    }

    /// Parses the next fragment of the stream and returns the events it completes.
    public mutating func feed(_ bytes: [UInt8]) throws(TarReadError) -> [TarEvent] {
        try feed(bytes[...])
    }

    /// Parses the next fragment of the stream, copying it once into an array, and returns its events.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(TarReadError) -> [TarEvent] {
        try feed(ArraySlice(bytes))
    }

    /// Parses the next fragment of the stream, passing each event to `sink` as soon as it is recognised.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, sink: (TarEvent) -> Void) throws(TarReadError) {
        if let failure {
            throw failure
        }
        do {
            var input = bytes
            while !input.isEmpty {
                try step(&input, sink: sink)
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Reports how the stream ended, or throws if it ended inside a header, content or padding.
    public func finish() throws(TarReadError) -> TarCompletion {
        if let failure {
            throw failure
        }
        switch state {
        case .header:
            if !headerBuffer.isEmpty {
                throw .truncatedHeader(offset: offset - UInt64(headerBuffer.count), got: headerBuffer.count)
            }
            if let pendingOffset {
                throw .extendedHeaderWithoutEntry(offset: pendingOffset)
            }
            return .missingEndBlocks(zeroBlockCount: zeroBlockCount)
        case .content(let path, let size, let remaining):
            throw .truncatedData(path: path, expected: size, got: size - remaining)
        case .extended(let typeflag, _, _, let size):
            throw .truncatedData(
                path: Self.extendedHeaderLabel(typeflag), expected: UInt64(size), got: UInt64(extendedBuffer.count))
        case .padding(let path, let remaining, let total):
            throw .truncatedPadding(path: path, expected: total, got: total - remaining)
        case .ended(let paddingCount):
            return .endBlocks(paddingCount: paddingCount)
        }
    }

    /// Consumes a prefix of `input` according to the current state.
    private mutating func step(_ input: inout ArraySlice<UInt8>, sink: (TarEvent) -> Void) throws(TarReadError) {
        switch state {
        case .header:
            let take = min(TarHeaderLayout.blockSize - headerBuffer.count, input.count)
            headerBuffer.append(contentsOf: input.prefix(take))
            consume(take, of: &input)
            if headerBuffer.count == TarHeaderLayout.blockSize {
                let block = TarHeaderBlock(bytes: headerBuffer)
                headerBuffer.removeAll(keepingCapacity: true)
                try interpretHeader(block, at: offset - UInt64(TarHeaderLayout.blockSize), sink: sink)
            }
        case .content(let path, let size, let remaining):
            let take = Int(min(UInt64(input.count), remaining))
            sink(.data(input.prefix(take)))
            consume(take, of: &input)
            if remaining == UInt64(take) {
                enterPadding(path: path, contentCount: size)
            } else {
                state = .content(path: path, size: size, remaining: remaining - UInt64(take))
            }
        case .extended(let typeflag, let headerOffset, let dataOffset, let size):
            let take = min(size - extendedBuffer.count, input.count)
            extendedBuffer.append(contentsOf: input.prefix(take))
            consume(take, of: &input)
            if extendedBuffer.count == size {
                try completeExtendedHeader(typeflag: typeflag, headerOffset: headerOffset, dataOffset: dataOffset)
            }
        case .padding(let path, let remaining, let total):
            let take = min(remaining, input.count)
            consume(take, of: &input)
            state = remaining == take ? .header : .padding(path: path, remaining: remaining - take, total: total)
        case .ended(let paddingCount):
            if let garbage = input.firstIndex(where: { $0 != 0 }) {
                throw .garbageAfterEnd(offset: offset + UInt64(garbage - input.startIndex))
            }
            state = .ended(paddingCount: paddingCount + UInt64(input.count))
            consume(input.count, of: &input)
        }
    }

    private mutating func consume(_ count: Int, of input: inout ArraySlice<UInt8>) {
        // Re-slicing is O(1); `removeFirst` on a range-replaceable collection need not be.
        input = input[(input.startIndex + count)...]
        offset += UInt64(count)
    }

    /// Moves past content of `contentCount` bytes: into its padding, or straight to the next header.
    mutating func enterPadding(path: String, contentCount: UInt64) {
        let padding = TarHeaderLayout.paddingCount(after: contentCount)
        state = padding == 0 ? .header : .padding(path: path, remaining: padding, total: padding)
    }

    static func extendedHeaderLabel(_ typeflag: UInt8) -> String {
        switch typeflag {
        case TarTypeflag.gnuLongName: return "GNU long name header"
        case TarTypeflag.gnuLongLink: return "GNU long link header"
        case TarTypeflag.paxGlobal: return "pax global header"
        default: return "pax extended header"
        }
    }
}

/// What the simulated peer connections send over their byte stream: QUIC's frames, reduced to what the model needs.
///
/// Wire format: one type byte, then big-endian fixed-width fields. `hello` opens a connection (the dialer's node
/// and the shared id it chose); `data`, `fin` and `reset` belong to a stream; `ping` keeps an idle connection alive;
/// `close` ends it with a code and a reason.
enum PeerFrame: Equatable {
    case hello(node: UInt64, sharedID: UInt64)
    case data(stream: UInt64, bytes: ArraySlice<UInt8>)
    case fin(stream: UInt64)
    case reset(stream: UInt64, code: UInt64)
    case ping
    case close(isApp: Bool, code: UInt64, reason: String)

    /// The most bytes one `data` frame carries; bigger writes are split.
    static let dataMax = 64 * 1024
    /// The longest close reason sent; longer ones are cut.
    static let reasonMax = 1024

    enum Kind: UInt8 {
        case hello = 1, data, fin, reset, ping, close
    }

    func encode(into bytes: inout [UInt8]) {
        switch self {
        case let .hello(node, sharedID):
            bytes.append(Kind.hello.rawValue)
            Self.append(node, to: &bytes)
            Self.append(sharedID, to: &bytes)
        case let .data(stream, payload):
            precondition(payload.count <= Self.dataMax, "a data frame carries at most \(Self.dataMax) bytes")
            bytes.append(Kind.data.rawValue)
            Self.append(stream, to: &bytes)
            Self.append(UInt64(payload.count), to: &bytes, width: 4)
            bytes.append(contentsOf: payload)
        case let .fin(stream):
            bytes.append(Kind.fin.rawValue)
            Self.append(stream, to: &bytes)
        case let .reset(stream, code):
            bytes.append(Kind.reset.rawValue)
            Self.append(stream, to: &bytes)
            Self.append(code, to: &bytes)
        case .ping:
            bytes.append(Kind.ping.rawValue)
        case let .close(isApp, code, reason):
            let text = Array(reason.utf8.prefix(Self.reasonMax))
            bytes.append(Kind.close.rawValue)
            bytes.append(isApp ? 1 : 0)
            Self.append(code, to: &bytes)
            Self.append(UInt64(text.count), to: &bytes, width: 2)
            bytes.append(contentsOf: text)
        }
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8], width: Int = 8) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}

/// Bytes that are not a valid frame: what a connection closes itself over (as QUIC's PROTOCOL_VIOLATION).
struct PeerFrameError: Error, Equatable, CustomStringConvertible {
    /// The offset in the stream of received bytes where the bad frame starts.
    var offset: Int
    var message: String

    var description: String { "bad frame at byte \(offset) of the connection: \(message)" }
}

/// Reads frames from the bytes of one connection as they arrive, in whatever pieces the network delivers.
struct PeerFrameDecoder {
    private var buffer: [UInt8] = []
    /// Bytes of the stream consumed before `buffer` starts, for error offsets.
    private var consumed = 0

    /// Appends `bytes` and returns the frames now complete; throws at the first byte that cannot start or continue
    /// a frame (nothing after it is read).
    mutating func feed(_ bytes: ArraySlice<UInt8>) throws(PeerFrameError) -> [PeerFrame] {
        buffer.append(contentsOf: bytes)
        var frames: [PeerFrame] = []
        var cursor = 0
        while let (frame, end) = try frame(at: cursor) {
            frames.append(frame)
            cursor = end
        }
        buffer.removeFirst(cursor)
        consumed += cursor
        return frames
    }

    /// Whether bytes of an unfinished frame are waiting: an end of stream then cuts a frame.
    var hasPartialFrame: Bool { !buffer.isEmpty }

    /// The frame starting at `start` and where it ends, or nil if it is not complete yet.
    private func frame(at start: Int) throws(PeerFrameError) -> (PeerFrame, Int)? {
        guard start < buffer.count else { return nil }
        guard let kind = PeerFrame.Kind(rawValue: buffer[start]) else {
            throw PeerFrameError(offset: consumed + start, message: "unknown frame type \(buffer[start])")
        }
        var cursor = start + 1
        func number(_ width: Int = 8) -> UInt64? {
            guard cursor + width <= buffer.count else { return nil }
            defer { cursor += width }
            return buffer[cursor..<(cursor + width)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        switch kind {
        case .hello:
            guard let node = number(), let shared = number() else { return nil }
            return (.hello(node: node, sharedID: shared), cursor)
        case .data:
            guard let stream = number(), let length = number(4) else { return nil }
            guard length <= PeerFrame.dataMax else {
                throw PeerFrameError(
                    offset: consumed + start, message: "a data frame of \(length) bytes (at most \(PeerFrame.dataMax))")
            }
            guard cursor + Int(length) <= buffer.count else { return nil }
            return (.data(stream: stream, bytes: buffer[cursor..<(cursor + Int(length))]), cursor + Int(length))
        case .fin:
            guard let stream = number() else { return nil }
            return (.fin(stream: stream), cursor)
        case .reset:
            guard let stream = number(), let code = number() else { return nil }
            return (.reset(stream: stream, code: code), cursor)
        case .ping:
            return (.ping, cursor)
        case .close:
            guard cursor < buffer.count else { return nil }
            let flag = buffer[cursor]
            guard flag <= 1 else {
                throw PeerFrameError(offset: consumed + start, message: "a close frame's application flag is \(flag)")
            }
            cursor += 1
            guard let code = number(), let length = number(2) else { return nil }
            guard length <= PeerFrame.reasonMax else {
                throw PeerFrameError(offset: consumed + start, message: "a close reason of \(length) bytes")
            }
            guard cursor + Int(length) <= buffer.count else { return nil }
            let reason = String(decoding: buffer[cursor..<(cursor + Int(length))], as: UTF8.self)
            return (.close(isApp: flag == 1, code: code, reason: reason), cursor + Int(length))
        }
    }
}

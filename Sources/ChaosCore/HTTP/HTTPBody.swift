import HTTPTypes

/// A message body as an asynchronous sequence of byte chunks, read as it arrives, with the trailer fields that may
/// follow it (the IPFS API reports mid-stream errors in an `X-Stream-Error` trailer).
///
/// A body can be iterated once. Not thread-safe: iterate on one task.
public final class HTTPBody: AsyncSequence, @unchecked Sendable {
    public typealias Element = ArraySlice<UInt8>

    private let produce: (HTTPBody) async throws -> ArraySlice<UInt8>?
    private let skip: ((HTTPBody) async throws -> Int?)?
    /// Trailer fields, known once the body has been read to its end (nil if there were none).
    public package(set) var trailers: HTTPFields?
    /// Whether the body has been read to its end.
    public private(set) var isComplete = false
    /// Bytes read so far.
    public private(set) var bytesRead = 0
    /// The length the message announced (`Content-Length`), if any: a hint for `collect`, never trusted as the
    /// length.
    public package(set) var announcedLength: Int?

    /// A body whose chunks come from `produce`, which returns nil at the end.
    public init(_ produce: @escaping () async throws -> ArraySlice<UInt8>?) {
        self.produce = { _ in try await produce() }
        self.skip = nil
    }

    /// A body whose producer also receives the body, to record trailers on it. `skip`, if given, reads the next chunk
    /// as `produce` does but returns only its length, for `discard`, which then never copies the bytes out.
    package init(
        producingWith produce: @escaping (HTTPBody) async throws -> ArraySlice<UInt8>?,
        skippingWith skip: ((HTTPBody) async throws -> Int?)? = nil
    ) {
        self.produce = produce
        self.skip = skip
    }

    /// A body of the given bytes, as one chunk.
    public static func bytes(_ bytes: some Collection<UInt8>) -> HTTPBody {
        var remaining: ArraySlice<UInt8>? = ArraySlice(bytes)
        return HTTPBody {
            defer { remaining = nil }
            return remaining.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// An empty body.
    public static var empty: HTTPBody { HTTPBody { nil } }

    /// The next chunk, or nil at the end.
    public func next() async throws -> ArraySlice<UInt8>? {
        guard !isComplete else { return nil }
        guard let chunk = try await produce(self) else {
            isComplete = true
            return nil
        }
        bytesRead += chunk.count
        return chunk
    }

    /// Reads the rest of the body and drops it, as a client that wants only the status, or the connection back, does;
    /// returns how many bytes it dropped. A body that can tell chunk lengths without handing out the bytes never
    /// copies them.
    @discardableResult
    public func discard() async throws -> Int {
        var dropped = 0
        guard let skip else {
            while let chunk = try await next() { dropped += chunk.count }
            return dropped
        }
        while !isComplete {
            guard let count = try await skip(self) else {
                isComplete = true
                break
            }
            bytesRead += count
            dropped += count
        }
        return dropped
    }

    /// Reads the whole body; throws `HTTPClientError.tooLarge` if it exceeds `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        // Sized once for an announced length, so that a large body is not regrown and recopied chunk by chunk; a
        // peer's header must not make it reserve more than the limit, nor huge amounts on its word alone.
        if let announcedLength, announcedLength > 0 {
            bytes.reserveCapacity(Swift.min(announcedLength, limit, 64 << 20))
        }
        while let chunk = try await next() {
            guard bytes.count + chunk.count <= limit else { throw HTTPClientError.tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let body: HTTPBody

        public mutating func next() async throws -> ArraySlice<UInt8>? {
            try await body.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}

import ChaosCore
import NIOCore

/// A request's `HTTPBody` as the `ByteBuffer` sequence AsyncHTTPClient streams from, chunk by chunk as the caller
/// produces them (nothing is collected first).
///
/// Sendable because AsyncHTTPClient requires it; the body is read by one task at a time, AsyncHTTPClient's writer.
struct RequestBodyBuffers: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let body: HTTPBody

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: HTTPBody

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await body.next() else { return nil }
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: body) }
}

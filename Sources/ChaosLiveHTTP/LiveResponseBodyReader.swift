import AsyncHTTPClient
import ChaosCore
import HTTPTypes
import NIOCore

/// Feeds an `HTTPBody` from an AsyncHTTPClient response body: buffers become slices, errors become
/// `HTTPClientError`s, trailers are recorded at the end, and the total timeout is enforced while the body is read.
///
/// AsyncHTTPClient's own deadline ends when the head arrives, so each read past it races a timer to the total
/// deadline; when the timer wins, the read's task is cancelled, which makes AsyncHTTPClient abandon the request and
/// close its connection. Not thread-safe: `HTTPBody` reads one chunk at a time, on one task.
final class LiveResponseBodyReader: @unchecked Sendable {
    private let body: AsyncHTTPClient.HTTPClientResponse.Body
    private var iterator: AsyncHTTPClient.HTTPClientResponse.Body.AsyncIterator
    private let mapping: LiveHTTPErrorMapping
    /// The response's Content-Length, for `truncatedBody`.
    private let expectedLength: Int?

    init(body: AsyncHTTPClient.HTTPClientResponse.Body, mapping: LiveHTTPErrorMapping, expectedLength: Int?) {
        self.body = body
        self.iterator = body.makeAsyncIterator()
        self.mapping = mapping
        self.expectedLength = expectedLength
    }

    /// The next chunk for `target`, or nil at the end (with `target.trailers` set).
    func next(into target: HTTPBody) async throws -> ArraySlice<UInt8>? {
        do {
            guard let buffer = try await nextBuffer() else {
                guard let trailers = body.trailers else { return nil }
                guard let fields = HTTPFields(trailers) else {
                    throw ChaosCore.HTTPClientError.malformedResponse("invalid trailer field name")
                }
                target.trailers = fields
                return nil
            }
            return ArraySlice(buffer.readableBytesView)
        } catch {
            throw mapping.map(error, in: .body(expected: expectedLength, received: target.bytesRead))
        }
    }

    private func nextBuffer() async throws -> ByteBuffer? {
        guard let deadline = mapping.totalDeadline, let total = mapping.timeouts.total else {
            return try await iterator.next()
        }
        // Checked before every read, not only by the timer: a body still flowing past the deadline ends at its next
        // chunk even when the timer's wake-up is late (a busy process's global pool delays it by seconds).
        if ContinuousClock.now >= deadline { throw ChaosCore.HTTPClientError.totalTimeout(total) }
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await self.iterator.next() }
            group.addTask {
                // Live mode runs on the real clock, outside any simulation.
                try await Task.sleep(until: deadline, clock: .continuous)  // determinism: ok
                throw ChaosCore.HTTPClientError.totalTimeout(total)
            }
            defer { group.cancelAll() }
            // Both tasks end with a value or an error, so the group's first result always exists.
            return try await group.next()!
        }
    }
}

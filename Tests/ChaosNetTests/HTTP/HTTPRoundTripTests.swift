import ChaosNet
import HTTPTypes
import Testing

@Suite("HTTP round trips")
struct HTTPRoundTripTests {
    @Test("bodies of 0 B, 1 B, 1 MiB and 64 MiB round-trip with Content-Length and chunked encoding",
          arguments: [0, 1, 1 << 20, 64 << 20], [false, true])
    func bodies(size: Int, chunked: Bool) throws {
        let result = runHTTP(handler: patternHandler(size: size, chunked: chunked)) { _, _, client in
            let response = try await client.execute(
                get("/blob"), body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(5)))
            let bytes = try await response.body.collect(upTo: 128 << 20)
            return (response.head.status.code, response.head.headerFields[.transferEncoding], bytes)
        }
        let (status, transferEncoding, bytes) = try #require(result.valueOrRecord())
        #expect(status == 200)
        #expect(transferEncoding == (chunked ? "chunked" : nil))
        #expect(bytes.count == size)
        #expect(bytes == pattern(size))
    }

    @Test("discard drops a body, counting its bytes, and leaves the connection ready for the next request",
          arguments: [false, true])
    func discard(chunked: Bool) throws {
        let result = runHTTP(handler: patternHandler(size: 300_000, chunked: chunked)) { _, _, client in
            let first = try await client.execute(get("/blob"), body: nil, timeouts: HTTPTimeouts())
            let dropped = try await first.body.discard()
            let second = try await client.execute(get("/blob"), body: nil, timeouts: HTTPTimeouts())
            let bytes = try await second.body.collect(upTo: 1 << 20)
            return (dropped, first.body.bytesRead, first.body.isComplete, bytes, client.connectionsOpened)
        }
        let (dropped, bytesRead, complete, bytes, opened) = try #require(result.valueOrRecord())
        #expect(dropped == 300_000 && bytesRead == 300_000 && complete)
        #expect(bytes == pattern(300_000))
        #expect(opened == 1)
    }

    @Test("request bodies stream to the server, and trailers come back after a chunked body")
    func requestBodyAndTrailers() throws {
        let handler: SimHTTPServer.Handler = { request in
            let received = try await request.body.collect(upTo: 1 << 20)
            return HTTPServerResponse(head: HTTPResponse(status: .ok), body: .stream { writer in
                try await writer.write(Array("got \(received.count) bytes".utf8))
                writer.trailers = [HTTPField.Name("X-Stream-Error")!: "context deadline exceeded"]
            })
        }
        let result = runHTTP(handler: handler) { _, _, client in
            var request = get("/api/v0/add")
            request.method = .post
            let upload = HTTPBody.bytes(pattern(300_000))
            let response = try await client.execute(request, body: upload, timeouts: HTTPTimeouts())
            let text = String(decoding: try await response.body.collect(upTo: 1024), as: UTF8.self)
            return (text, response.body.trailers?[HTTPField.Name("X-Stream-Error")!])
        }
        let (text, streamError) = try #require(result.valueOrRecord())
        #expect(text == "got 300000 bytes")
        #expect(streamError == "context deadline exceeded")
    }

    @Test("keep-alive: sequential requests reuse one connection")
    func keepAlive() throws {
        let result = runHTTP(handler: { _ in .text(.ok, "hello") }) { _, _, client in
            var bodies: [String] = []
            for index in 0..<10 {
                let response = try await client.execute(get("/\(index)"), body: nil, timeouts: HTTPTimeouts())
                bodies.append(String(decoding: try await response.body.collect(upTo: 100), as: UTF8.self))
            }
            return (bodies, client.connectionsOpened)
        }
        let (bodies, opened) = try #require(result.valueOrRecord())
        #expect(bodies == Array(repeating: "hello", count: 10))
        #expect(opened == 1)
    }

    @Test("HEAD responses carry no body even with a Content-Length")
    func head() throws {
        let result = runHTTP(handler: patternHandler(size: 1000, chunked: false)) { _, _, client in
            var request = get("/blob")
            request.method = .head
            let response = try await client.execute(request, body: nil, timeouts: HTTPTimeouts())
            let bytes = try await response.body.collect(upTo: 10_000)
            let again = try await client.execute(get("/blob"), body: nil, timeouts: HTTPTimeouts())
            let againBytes = try await again.body.collect(upTo: 10_000).count
            return (response.head.headerFields[.contentLength], bytes.count, againBytes)
        }
        let (length, headBytes, getBytes) = try #require(result.valueOrRecord())
        #expect(length == "1000")
        #expect(headBytes == 0)
        #expect(getBytes == 1000)
    }
}

import ChaosCore
import ChaosLiveHTTP
import HTTPTypes
import Testing

/// Exchanges that succeed: bytes, header fields, request bodies and trailers cross real loopback sockets intact.
@Suite struct LiveHTTPClientExchangeTests {
    @Test func aResponseArrivesWithItsStatusHeaderFieldsAndEveryByte() async throws {
        try await withLiveClient { server, client in
            let response = try await client.execute(server.request("/ok"), body: nil, timeouts: HTTPTimeouts())
            #expect(response.head.status.code == 200)
            #expect(response.head.headerFields[HTTPField.Name("X-Test")!] == "yes")
            #expect(response.head.headerFields[.contentType] == "text/plain")
            let bytes = try await response.body.collect(upTo: 1 << 20)
            #expect(bytes == Array(String(repeating: "hello, live world\n", count: 1000).utf8))
            #expect(response.body.isComplete)
        }
    }

    @Test func theMethodHeaderFieldsAndAStreamedBodyReachTheServer() async throws {
        try await withLiveClient { server, client in
            var chunks: [ArraySlice<UInt8>] = [Array("first,".utf8)[...], Array("second".utf8)[...]]
            let body = HTTPBody { chunks.isEmpty ? nil : chunks.removeFirst() }
            var request = server.request("/echo", method: .post)
            request.headerFields[HTTPField.Name("X-Probe")!] = "42"
            let response = try await client.execute(request, body: body, timeouts: HTTPTimeouts())
            let text = String(decoding: try await response.body.collect(upTo: 1 << 16), as: UTF8.self)
            // No Content-Length from the caller: the body goes chunked, as the simulated client sends it.
            #expect(text == "POST\n42\nchunked\nfirst,second")
        }
    }

    @Test func aCallersContentLengthSendsAFixedLengthBody() async throws {
        try await withLiveClient { server, client in
            var request = server.request("/echo", method: .put)
            request.headerFields[.contentLength] = "5"
            let body = HTTPBody.bytes(Array("12345".utf8))
            let response = try await client.execute(request, body: body, timeouts: HTTPTimeouts())
            let text = String(decoding: try await response.body.collect(upTo: 1 << 16), as: UTF8.self)
            #expect(text == "PUT\n\nlength\n12345")
        }
    }

    @Test func aChunkedBodyEndsWithItsTrailers() async throws {
        try await withLiveClient { server, client in
            let response = try await client.execute(server.request("/chunked"), body: nil, timeouts: HTTPTimeouts())
            #expect(response.head.headerFields[.contentLength] == nil)
            let bytes = try await response.body.collect(upTo: 1 << 16)
            #expect(String(decoding: bytes, as: UTF8.self) == "alphabetagamma")
            #expect(response.body.trailers?[HTTPField.Name("X-Checksum")!] == "abc123")
        }
    }

    @Test func keepAliveConnectionsServeRequestsOneAfterAnother() async throws {
        try await withLiveClient { server, client in
            for _ in 0..<5 {
                let response = try await client.execute(server.request("/ok"), body: nil, timeouts: HTTPTimeouts())
                #expect(try await response.body.collect(upTo: 1 << 20).count == 18_000)
            }
        }
    }
}

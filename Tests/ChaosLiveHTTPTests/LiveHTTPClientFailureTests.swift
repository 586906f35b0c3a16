import ChaosCore
import ChaosLiveHTTP
import HTTPTypes
import Testing

/// Each way a real server or socket fails, mapped to the `HTTPClientError` the simulated client throws for it.
/// Timeouts are short and the server's stalls long, so the margins hold on a loaded two-core machine.
@Suite struct LiveHTTPClientFailureTests {
    @Test func aClosedPortIsConnectionRefused() async throws {
        try await withLiveClient { server, client in
            let request = server.request("/", port: server.closedPort)
            let took = await elapsed {
                await #expect(throws: HTTPClientError.connectionRefused(host: "127.0.0.1", port: server.closedPort)) {
                    _ = try await client.execute(request, body: nil, timeouts: HTTPTimeouts(connect: .seconds(5)))
                }
            }
            // At once, not after AsyncHTTPClient's connection retries have used up the connect timeout.
            #expect(took < .seconds(2))
        }
    }

    @Test func aListenerThatNeverAcceptsIsAConnectTimeout() async throws {
        try await withLiveClient { server, client in
            let request = server.request("/", port: server.fullPort)
            let took = await elapsed {
                await #expect(throws: HTTPClientError.connectTimeout(host: "127.0.0.1", port: server.fullPort)) {
                    let timeouts = HTTPTimeouts(connect: .milliseconds(300))
                    _ = try await client.execute(request, body: nil, timeouts: timeouts)
                }
            }
            #expect(took >= .milliseconds(250) && took < .seconds(3))
        }
    }

    @Test func noByteForTheReadIdleTimeoutIsAReadTimeoutInTheBody() async throws {
        try await withLiveClient { server, client in
            let timeouts = HTTPTimeouts(readIdle: .milliseconds(300), total: .seconds(20))
            let response = try await client.execute(server.request("/stall"), body: nil, timeouts: timeouts)
            let took = await elapsed {
                await #expect(throws: HTTPClientError.readTimeout(idle: .milliseconds(300))) {
                    _ = try await response.body.collect(upTo: 1 << 16)
                }
            }
            #expect(took >= .milliseconds(250) && took < .seconds(5))
            #expect(response.body.bytesRead == 100)
        }
    }

    @Test func noHeadForTheReadIdleTimeoutIsAReadTimeout() async throws {
        try await withLiveClient { server, client in
            let timeouts = HTTPTimeouts(readIdle: .milliseconds(300), total: .seconds(20))
            await #expect(throws: HTTPClientError.readTimeout(idle: .milliseconds(300))) {
                _ = try await client.execute(server.request("/slow-head"), body: nil, timeouts: timeouts)
            }
        }
    }

    @Test func noHeadBeforeTheTotalDeadlineIsATotalTimeout() async throws {
        try await withLiveClient { server, client in
            // No bound on the time taken: AsyncHTTPClient cancels on its deadline from an unstructured task on the
            // global pool, which a full `swift test` keeps busy with simulations for minutes. Alone it takes 0.3 s.
            let timeouts = HTTPTimeouts(readIdle: .seconds(60), total: .milliseconds(300))
            await #expect(throws: HTTPClientError.totalTimeout(.milliseconds(300))) {
                _ = try await client.execute(server.request("/slow-head"), body: nil, timeouts: timeouts)
            }
        }
    }

    @Test func aBodyStillArrivingAtTheTotalDeadlineIsATotalTimeout() async throws {
        try await withLiveClient { server, client in
            // A byte every 50 ms never trips the 5 s read-idle timeout; the body needs 3 s, the deadline is 0.6 s.
            let timeouts = HTTPTimeouts(readIdle: .seconds(5), total: .milliseconds(600))
            let response = try await client.execute(server.request("/slow-body"), body: nil, timeouts: timeouts)
            let took = await elapsed {
                await #expect(throws: HTTPClientError.totalTimeout(.milliseconds(600))) {
                    _ = try await response.body.collect(upTo: 1 << 16)
                }
            }
            #expect(took < .seconds(2))
            #expect(response.body.bytesRead > 0 && response.body.bytesRead < 60)
        }
    }

    @Test func aCloseBeforeContentLengthIsATruncatedBody() async throws {
        try await withLiveClient { server, client in
            let response = try await client.execute(server.request("/truncate"), body: nil, timeouts: HTTPTimeouts())
            await #expect(throws: HTTPClientError.truncatedBody(expected: 1000, received: 100)) {
                _ = try await response.body.collect(upTo: 1 << 16)
            }
        }
    }

    @Test func aCloseBeforeTheLastChunkIsATruncatedBody() async throws {
        try await withLiveClient { server, client in
            let response = try await client.execute(
                server.request("/truncate-chunked"), body: nil, timeouts: HTTPTimeouts())
            await #expect(throws: HTTPClientError.truncatedBody(expected: nil, received: 7)) {
                _ = try await response.body.collect(upTo: 1 << 16)
            }
        }
    }

    @Test func aCloseInsteadOfAResponseIsMalformed() async throws {
        try await withLiveClient { server, client in
            let error = await #expect(throws: HTTPClientError.self) {
                _ = try await client.execute(server.request("/close-head"), body: nil, timeouts: HTTPTimeouts())
            }
            #expect(error?.name == "malformed_response")
        }
    }

    @Test func aResetInsteadOfAResponseIsConnectionReset() async throws {
        try await withLiveClient { server, client in
            await #expect(throws: HTTPClientError.connectionReset) {
                _ = try await client.execute(server.request("/reset-head"), body: nil, timeouts: HTTPTimeouts())
            }
        }
    }

    @Test func aResetInsideTheBodyIsConnectionReset() async throws {
        try await withLiveClient { server, client in
            let response = try await client.execute(server.request("/reset-body"), body: nil, timeouts: HTTPTimeouts())
            await #expect(throws: HTTPClientError.connectionReset) {
                _ = try await response.body.collect(upTo: 1 << 16)
            }
        }
    }

    @Test func bytesThatAreNotHTTPAreAMalformedResponse() async throws {
        try await withLiveClient { server, client in
            let error = await #expect(throws: HTTPClientError.self) {
                _ = try await client.execute(server.request("/garbage"), body: nil, timeouts: HTTPTimeouts())
            }
            #expect(error?.name == "malformed_response")
            #expect(error?.isTransient == false)
        }
    }

    @Test(arguments: ["", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", "a:b:c", ":80"])
    func aBadAuthorityIsAnInvalidRequest(authority: String) async throws {
        let client = LiveHTTPClient()
        let request = HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/")
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.execute(request, body: nil, timeouts: HTTPTimeouts())
        }
        #expect(error?.name == "invalid_request")
        try await client.shutdown()
    }

    @Test func httpsAndRequestsAfterShutdownAreInvalidRequests() async throws {
        let client = LiveHTTPClient()
        let https = HTTPRequest(method: .get, scheme: "https", authority: "127.0.0.1:1", path: "/")
        await #expect(throws: HTTPClientError.self) {
            _ = try await client.execute(https, body: nil, timeouts: HTTPTimeouts())
        }
        try await client.shutdown()
        let http = HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1:1", path: "/")
        await #expect(throws: HTTPClientError.invalidRequest("the LiveHTTPClient has been shut down")) {
            _ = try await client.execute(http, body: nil, timeouts: HTTPTimeouts())
        }
    }

    @Test func timeoutPairsBeyondTheLimitAreRefusedNotCached() async throws {
        try await withLiveClient { server, _ in
            let client = LiveHTTPClient(configuration: LiveHTTPClientConfiguration(underlyingClientCountMax: 2))
            for seconds in 1...2 {
                let response = try await client.execute(
                    server.request("/ok"), body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(seconds)))
                _ = try await response.body.collect(upTo: 1 << 20)
            }
            let error = await #expect(throws: HTTPClientError.self) {
                let timeouts = HTTPTimeouts(readIdle: .seconds(3))
                _ = try await client.execute(server.request("/ok"), body: nil, timeouts: timeouts)
            }
            #expect(error?.name == "invalid_request")
            try await client.shutdown()
        }
    }
}

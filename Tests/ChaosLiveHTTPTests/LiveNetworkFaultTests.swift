import ChaosCore
import ChaosLive
import ChaosLiveHTTP
import ChaosNet
import Foundation
import HTTPTypes
import Testing

/// The network kinds on real sockets: each shapes the bytes a connection moves as it shapes a simulated segment.
@Suite struct LiveNetworkFaultTests {
    func add(_ fault: String, _ client: LiveHTTPClient, _ server: LiveServeHarness) async throws {
        #expect(try await LiveServeTests.text(client, server.control(.post, "/faults"), body: fault).status == 201)
    }

    /// A file of the package of at least 64 KiB, by gateway path, with its bytes.
    func bigFile(_ server: LiveServeHarness) throws -> (path: String, bytes: [UInt8]) {
        let package = server.package.package
        for (path, tree) in package.tree.descendants {
            guard case let .file(bytes) = tree, bytes.count >= 64 << 10 else { continue }
            return ("/ipfs/\(package.cid)/\(path)", bytes)
        }
        throw LiveServeError("the package has no file of 64 KiB")
    }

    @Test func latencyAndBandwidthSlowTheResponseAndEveryByteStillArrives() async throws {
        try await withServer { server, client in
            let file = try bigFile(server)
            try await add("{name: slow-link, kind: latency, base: 400ms, target: {host: registry}}", client, server)
            let thin = "{name: thin-link, kind: bandwidth, rate: 256KiB/s, target: {host: registry}}"
            try await add(thin, client, server)
            var fetched: [UInt8] = []
            let took = try await elapsed {
                fetched = try await LiveServeTests.bytes(client, server.get(file.path)).body
            }
            #expect(fetched == file.bytes)
            // A lower bound only: the latency and the file's time at 256 KiB/s cannot be skipped.
            let floor = Duration.milliseconds(400) + .seconds(Double(file.bytes.count) / Double(256 << 10))
            #expect(took >= floor, "took \(took), at least \(floor) expected")
        }
    }

    @Test func limitDataClosesTheConnectionAfterThatManyBytes() async throws {
        try await withServer { server, client in
            let file = try bigFile(server)
            try await add(
                "{name: cut, kind: limit_data, bytes: 10000, direction: downstream, target: {host: registry}}",
                client, server)
            await #expect(throws: HTTPClientError.self) {
                _ = try await LiveServeTests.bytes(client, server.get(file.path))
            }
            try await LiveServeTests.waitForEvent(
                "closed (limit_data after 10000 bytes)", client, server, within: .seconds(10))
        }
    }

    @Test func aTimeoutFaultSwallowsTheResponseSoTheClientsReadTimesOut() async throws {
        try await withServer { server, client in
            let blackHole = "{name: black-hole, kind: timeout, direction: downstream, target: {host: registry}}"
            try await add(blackHole, client, server)
            let request = server.post("/api/v0/version")
            await #expect(throws: HTTPClientError.self) {
                _ = try await client.execute(request, body: nil, timeouts: HTTPTimeouts(readIdle: .seconds(1)))
            }
            #expect(try await LiveServeTests.text(client, server.control(.delete, "/faults/black-hole")).status == 204)
            #expect(try await LiveServeTests.text(client, request).status == 200)
        }
    }

    @Test func aHoldKeepsTheResponseUntilTheControlAPIReleasesIt() async throws {
        try await withServer { server, client in
            try await add("{name: held, kind: hold, target: {host: registry}}", client, server)
            async let reply = LiveServeTests.text(client, server.post("/api/v0/version"))
            try await LiveServeTests.waitForEvent("held (hold) acts on conn#", client, server, within: .seconds(10))
            #expect(try await LiveServeTests.text(client, server.control(.post, "/faults/held/release")).status == 200)
            #expect(try await reply.status == 200)
        }
    }

    func withServer(_ body: (LiveServeHarness, LiveHTTPClient) async throws -> Void) async throws {
        try await LiveServeTests.withServer(body)
    }
}

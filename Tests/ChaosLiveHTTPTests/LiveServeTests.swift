import ChaosComponents
import ChaosCore
import ChaosLive
import ChaosLiveHTTP
import ChaosNet
import Foundation
import HTTPTypes
import Scenarios
import Testing

/// Live mode in this process: the scenario's registry on a real loopback socket, the control API beside it, and
/// the robust components over the real HTTP client and the local disk against it.
@Suite struct LiveServeTests {
    /// A stall the control API adds: after the first MiB the body stops, for a minute (longer than any test).
    static let stallFault = """
        {name: stall-now, kind: http_stall_body, after: 1MiB, duration: 60s, target: {service: "registry:5001"}}
        """

    @Test func theRegistryAnswersTheRPCAndTheGatewayWithThePackagesBytes() async throws {
        try await withServer { server, client in
            let version = try await Self.text(client, server.post("/api/v0/version"))
            #expect(version.status == 200)
            #expect(version.body.contains("\"Version\":\"0.6.0\""))
            let package = server.package.package
            let (path, file) = try #require(Self.firstFile(of: package))
            let gateway = try await Self.bytes(client, server.get("/ipfs/\(package.cid)/\(path)"))
            #expect(gateway.status == 200)
            #expect(gateway.body == file)
            let cat = try await Self.bytes(client, server.post("/api/v0/cat?arg=\(package.cid)/\(path)"))
            #expect(cat.body == file)
        }
    }

    @Test func theControlAPIListsAddsDisablesEnablesAndRemovesFaults() async throws {
        try await withServer { server, client in
            #expect(try await Self.text(client, server.control(.get, "/faults")).body == "{\"faults\":[]}\n")
            let added = try await Self.text(client, server.control(.post, "/faults"), body: Self.stallFault)
            #expect(added.status == 201)
            #expect(added.body.contains("\"name\":\"stall-now\""))
            #expect(added.body.contains("\"active_now\":true"))
            let duplicate = try await Self.text(client, server.control(.post, "/faults"), body: Self.stallFault)
            #expect(duplicate.status == 409)
            let disabled = try await Self.text(client, server.control(.post, "/faults/stall-now/disable"))
            #expect(disabled.body.contains("\"enabled\":false"))
            let enabled = try await Self.text(client, server.control(.post, "/faults/stall-now/enable"))
            #expect(enabled.body.contains("\"enabled\":true"))
            #expect(try await Self.text(client, server.control(.delete, "/faults/stall-now")).status == 204)
            let gone = try await Self.text(client, server.control(.get, "/faults/stall-now"))
            #expect(gone.status == 404)
            #expect(gone.body.contains("no fault named 'stall-now'"))
            let events = try await Self.text(client, server.control(.get, "/events")).body
            #expect(events.contains("added fault stall-now"))
            #expect(events.contains("removed fault stall-now"))
        }
    }

    @Test func aBadFaultIsRefusedWithWhereAndWhatWasExpected() async throws {
        try await withServer { server, client in
            let unknownKind = try await Self.text(
                client, server.control(.post, "/faults"), body: "{name: x, kind: http_stal, target: {host: registry}}")
            #expect(unknownKind.status == 400)
            #expect(unknownKind.body.contains("unknown fault kind 'http_stal'"))
            #expect(unknownKind.body.contains("request body:1:"))
            let unknownHost = try await Self.text(
                client, server.control(.post, "/faults"), body: "{name: x, kind: down, target: {host: nowhere}}")
            #expect(unknownHost.status == 400)
            #expect(unknownHost.body.contains("nowhere"))
            let method = try await Self.text(client, server.control(.put, "/faults"))
            #expect(method.status == 405)
            #expect(try await Self.text(client, server.control(.get, "/faults")).body == "{\"faults\":[]}\n")
        }
    }

    @Test func aDownFaultResetsEveryConnectionUntilItIsRemoved() async throws {
        try await withServer { (server: LiveServeHarness, client: LiveHTTPClient) async throws in
            let down = "{name: registry-down, kind: down, target: {service: \"registry:5001\"}}"
            #expect(try await Self.text(client, server.control(.post, "/faults"), body: down).status == 201)
            await #expect(throws: HTTPClientError.self) {
                _ = try await Self.text(client, server.post("/api/v0/version"))
            }
            #expect(try await Self.text(client, server.control(.delete, "/faults/registry-down")).status == 204)
            #expect(try await Self.text(client, server.post("/api/v0/version")).status == 200)
        }
    }

    @Test func aResetPeerFaultResetsAConnectionAfterItOpenedEvenWhenIdle() async throws {
        try await withServer { (server: LiveServeHarness, client: LiveHTTPClient) async throws in
            // Due at once: the request's own bytes meet the reset.
            let now = "{name: reset-now, kind: reset_peer, after: 0s, target: {service: \"registry:5001\"}}"
            #expect(try await Self.text(client, server.control(.post, "/faults"), body: now).status == 201)
            await #expect(throws: HTTPClientError.self) {
                _ = try await Self.text(client, server.post("/api/v0/version"))
            }
            try await Self.waitForEvent("reset (fault reset-now (reset_peer))", client, server, within: .seconds(10))
            #expect(try await Self.text(client, server.control(.delete, "/faults/reset-now")).status == 204)
            // Due later: the exchange ends well before it, and the idle keep-alive connection is reset on time.
            let later = "{name: reset-later, kind: reset_peer, after: 3s, target: {service: \"registry:5001\"}}"
            #expect(try await Self.text(client, server.control(.post, "/faults"), body: later).status == 201)
            #expect(try await Self.text(client, server.post("/api/v0/version")).status == 200)
            try await Self.waitForEvent("reset (fault reset-later (reset_peer))", client, server, within: .seconds(15))
        }
    }

    @Test func theRobustDownloaderOverTheRealClientRetriesAStallAndSucceeds() async throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withServer { server, client in
            #expect(try await Self.text(client, server.control(.post, "/faults"), body: Self.stallFault).status == 201)
            let downloader = Self.downloader(client, server)
            // The stall catches the first attempt; once it has fired, the test switches it off, so a retry (after
            // the 1 s read timeout and the backoff) gets the whole tarball. On a loaded machine the switch can come
            // after the second attempt began (real time), which the stall then catches too: every attempt but the
            // last failed on the read timeout, and the last succeeded.
            let cid = server.package.package.cid.description
            async let download: Void = downloader.download(cid: cid, into: "\(root)/out")
            try await Self.waitForFiring(of: "stall-now", client, server)
            #expect(try await Self.text(client, server.control(.post, "/faults/stall-now/disable")).status == 200)
            try await download
            let attempts = downloader.attempts
            #expect(attempts.count >= 2 && attempts.map(\.number) == Array(1...attempts.count))
            #expect(attempts.dropLast().allSatisfy { $0.error?.cause == "read_timeout" }, "\(attempts)")
            #expect(attempts.last?.error == nil, "\(attempts)")
            await Self.expectTree(server.package.package, at: "\(root)/out")
        }
    }

    @Test func theRobustServiceManagerOverTheRealClientCreatesAServiceFromThePackage() async throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withServer { server, client in
            let manager = ServiceManager(
                variant: .robust, fileSystem: LocalFileSystem(), downloader: Self.downloader(client, server),
                servicesRoot: "\(root)/services", counterPath: "\(root)/state/counter", log: { _ in })
            try await LocalFileSystem().createDirectory(at: "\(root)/state", withIntermediates: true)
            let cid = server.package.package.cid.description
            let response = await manager.handleCreate(template: ServiceTemplate(name: "svc", hash: cid))
            #expect(response.status == 200 || response.status == 201, "\(response)")
            await Self.expectTree(server.package.package, at: manager.servicePath(1))
        }
    }

    @Test func optionsThatWouldServeBeyondThisMachineAreRefused() async throws {
        let options = LiveServeOptions(host: "0.0.0.0")
        #expect(options.problem?.contains("not a loopback address") == true)
        var allowed = options
        allowed.allowNonLoopback = true
        #expect(allowed.problem == nil)
        #expect(LiveServeOptions(timeScale: 0).problem?.contains("--time-scale") == true)
        #expect(LiveServeOptions(port: 9000, controlPort: 9000).problem?.contains("must differ") == true)
    }

    // MARK: - Helpers

    static let policy = DownloadRetryPolicy(
        attemptCountMax: 3, backoffBase: .milliseconds(200), backoffCap: .milliseconds(400),
        jitterMax: .milliseconds(50), connectTimeout: .seconds(2), readIdleTimeout: .seconds(1),
        totalTimeout: .seconds(30))

    static func downloader(_ client: LiveHTTPClient, _ server: LiveServeHarness) -> IPFSDownloader {
        IPFSDownloader(
            variant: .robust, http: client, fileSystem: LocalFileSystem(), clock: ContinuousClock(),
            random: SystemRandomNumberGenerator(), registryAuthority: server.authority, policy: policy)
    }

    /// Runs `body` on `LiveTestExecutor`'s threads against a live server (`start`'s, the shipped scenario's by
    /// default) and a live client, then shuts both down, whatever `body` did.
    static func withServer(
        starting start: () async throws -> LiveServeHarness = { try await LiveServeHarness.start() },
        _ body: (LiveServeHarness, LiveHTTPClient) async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(LiveTestExecutor.shared) {
            let server = try await start()
            let client = LiveHTTPClient()
            do {
                try await body(server, client)
            } catch {
                try? await client.shutdown()
                try? await server.stop()
                throw error
            }
            try await client.shutdown()
            try await server.stop()
        }
    }

    func withServer(_ body: (LiveServeHarness, LiveHTTPClient) async throws -> Void) async throws {
        try await Self.withServer(body)
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("live-serve-\(UUID().uuidString)").path
    }

    static func firstFile(of package: IPFSPackage) -> (String, [UInt8])? {
        for (path, tree) in package.tree.descendants {
            if case let .file(bytes) = tree, bytes.count > 1000 { return (path, bytes) }
        }
        return nil
    }

    static func bytes(_ client: LiveHTTPClient, _ request: HTTPRequest, body: String? = nil) async throws
        -> (status: Int, body: [UInt8])
    {
        let response = try await client.execute(
            request, body: body.map { HTTPBody.bytes(Array($0.utf8)) }, timeouts: HTTPTimeouts(total: .seconds(10)))
        return (response.head.status.code, try await response.body.collect(upTo: 64 << 20))
    }

    static func text(_ client: LiveHTTPClient, _ request: HTTPRequest, body: String? = nil) async throws
        -> (status: Int, body: String)
    {
        let (status, bytes) = try await bytes(client, request, body: body)
        return (status, String(decoding: bytes, as: UTF8.self))
    }

    /// Polls the event log (every 20 ms, at most 10 s) until `fault` has fired.
    static func waitForFiring(of fault: String, _ client: LiveHTTPClient, _ server: LiveServeHarness) async throws {
        let firing = "\(fault) (http_stall_body) on registry:5001 stalls"
        try await waitForEvent(firing, client, server, within: .seconds(10))
    }

    /// Polls the event log every 20 ms until an event contains `text`, recording an issue after `limit`.
    static func waitForEvent(
        _ text: String, _ client: LiveHTTPClient, _ server: LiveServeHarness, within limit: Duration
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let events = try await self.text(client, server.control(.get, "/events")).body
            if events.contains(text) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no event contained '\(text)' within \(limit)")
    }

    /// The tree at `root` is exactly `package` (its CID, recomputed from the files, as the drivers' invariant does).
    static func expectTree(_ package: IPFSPackage, at root: String) async {
        let mismatch = await PackageTreeVerifier.mismatch(
            at: root, in: LocalFileSystem(), expected: package.cid.description)
        #expect(mismatch == nil)
    }
}

extension LiveServeHarness {
    func post(_ path: String) -> HTTPRequest {
        HTTPRequest(method: .post, scheme: "http", authority: authority, path: path)
    }

    func get(_ path: String) -> HTTPRequest {
        HTTPRequest(method: .get, scheme: "http", authority: authority, path: path)
    }

    func control(_ method: HTTPRequest.Method, _ path: String) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", authority: status.control, path: path)
    }
}

import ChaosComponents
import ChaosCore
import ChaosLive
import ChaosLiveHTTP
import ChaosNet
import Foundation
import HTTPTypes
import Scenarios
import Testing

/// `chaos-run serve` with clients ChaosNet did not write: Python's ipfshttpclient 0.7.0 and requests, and curl,
/// on loopback. `.ci/run` installs the Python packages; without them the suite says how to enable it.
@Suite(
    .enabled(
        if: BoundedCommand.pythonHas("ipfshttpclient, requests"),
        "needs Python's ipfshttpclient 0.7.0 and requests: python3 -m pip install ipfshttpclient==0.7.0 requests"),
    .serialized)
struct LiveServeRealClientTests {
    static let scenario = LiveServeHarness.scenarioPath("ipfs-download-timeout")
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ipfs_clients.py").path

    /// The package the scenario serves, built in this process the way `serve` builds it.
    static func package() throws -> IPFSPackage {
        let runner = try ScenarioRunner(scenario: try ScenarioLoader.load(path: scenario))
        return runner.services.packages[0].package
    }

    @Test func pythonsIpfshttpclientRequestsAndCurlGetThePackagesBytes() async throws {
        let package = try Self.package()
        let (path, file) = try #require(LiveServeTests.firstFile(of: package))
        let out = LiveServeTests.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await withServe { serve, client in
            // The scenario's faults are switched off: this is the no-fault baseline.
            for fault in ["registry-load-stalls", "registry-overloaded"] {
                #expect(try await serve.call(client, .post, "/faults/\(fault)/disable").status == 200)
            }
            let port = try #require(serve.status.registry.split(separator: ":").last.map(String.init))
            let python = try await BoundedCommand.run(
                "/usr/bin/env", ["python3", Self.script, "clean", port, package.cid.description, out, path])
            #expect(python.status == 0, "\(python.output)")
            let version = try String(contentsOfFile: "\(out)/version.json", encoding: .utf8)
            #expect(version.contains("\"Version\": \"0.6.0\""))
            let ls = try String(contentsOfFile: "\(out)/ls.json", encoding: .utf8)
            guard case let .directory(entries) = package.tree else { throw ServeProcess.Failure(description: "no dir") }
            for entry in entries { #expect(ls.contains("\"Name\": \"\(entry.name)\""), "\(entry.name)") }
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/cat.bin")) == Data(file))
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/requests-cat.bin")) == Data(file))
            await LiveServeTests.expectTree(package, at: "\(out)/get/\(package.cid)")

            let curl = try await BoundedCommand.run(
                "/usr/bin/env", ["curl", "-sS", "--max-time", "10", "-o", "\(out)/curl.bin",
                                 "http://\(serve.status.registry)/ipfs/\(package.cid)/\(path)"])
            #expect(curl.status == 0, "\(curl.output)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/curl.bin")) == Data(file))
            let curlVersion = try await BoundedCommand.run(
                "/usr/bin/env", ["curl", "-sS", "--max-time", "10", "-X", "POST", "\(serve.status.apiURL)/version"])
            #expect(curlVersion.output.contains("\"Version\":\"0.6.0\""), "\(curlVersion.output)")
        }
    }

    @Test func underTheScenariosStallPythonFailsMidTarballAndTheRobustDownloaderSucceedsOnRetry() async throws {
        let package = try Self.package()
        let out = LiveServeTests.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await withServe { serve, client in
            #expect(try await serve.call(client, .post, "/faults/registry-overloaded/disable").status == 200)
            // The scenario's stall as the file writes it (after the first MiB, for ever), switched on now rather than
            // in a load episode of the seed, at toxicity 100%.
            #expect(try await serve.call(client, .delete, "/faults/registry-load-stalls").status == 204)
            let stall = """
                {name: registry-load-stalls, kind: http_stall_body, after: 1MiB, target: {service: "registry:5001"}}
                """
            #expect(try await serve.call(client, .post, "/faults", body: stall).status == 201)

            let port = try #require(serve.status.registry.split(separator: ":").last.map(String.init))
            let python = try await BoundedCommand.run(
                "/usr/bin/env", ["python3", Self.script, "stall", port, package.cid.description, out])
            #expect(python.status == 0, "\(python.output)")
            let line = try #require(python.output.split(separator: "\n").last { $0.hasPrefix("{") })
            let failure = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let causes = failure["causes"] as? [String] ?? []
            #expect(causes.contains { $0.hasSuffix("ReadTimeoutError") || $0.hasSuffix("ConnectionError") }, "\(line)")
            #expect((failure["message"] as? String ?? "").contains("Read timed out"), "\(line)")
            let fileCount = package.tree.descendants.filter { if case .file = $0.tree { true } else { false } }.count
            #expect((failure["extracted_files"] as? Int ?? fileCount) < fileCount, "mid-tarball: \(line)")

            // The robust downloader over the real client: its first attempt stalls too; once that attempt's client
            // has gone away, the stall is switched off and the retry gets everything.
            let downloader = IPFSDownloader(
                variant: .robust, http: client, fileSystem: LocalFileSystem(), clock: ContinuousClock(),
                random: SystemRandomNumberGenerator(), registryAuthority: serve.status.registry,
                policy: DownloadRetryPolicy(
                    attemptCountMax: 3, backoffBase: .seconds(1), backoffCap: .seconds(1),
                    jitterMax: .milliseconds(50), connectTimeout: .seconds(2), readIdleTimeout: .seconds(1),
                    totalTimeout: .seconds(30)))
            async let download: Void = downloader.download(cid: package.cid.description, into: "\(out)/robust")
            try await Self.waitForEvents(serve, client, containing: "went away during the stall", count: 2)
            #expect(try await serve.call(client, .post, "/faults/registry-load-stalls/disable").status == 200)
            try await download
            #expect(downloader.attempts.map(\.number) == [1, 2])
            #expect(downloader.attempts.first?.error?.cause == "read_timeout")
            await LiveServeTests.expectTree(package, at: "\(out)/robust")
        } after: { serve in
            // Every firing is logged with its wall time and the scenario's time.
            let lines = serve.standardError.split(separator: "\n")
            let line = String(lines.first { $0.contains("stalls the body after 1048576") } ?? "")
            let stamp = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \+\d+\.\d{3}s fault: "#
            #expect(line.range(of: stamp, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func aNonLoopbackHostIsRefusedWithExitCode2() async throws {
        let result = try await BoundedCommand.run(
            ServeProcess.executable.path, ["serve", Self.scenario, "--host", "0.0.0.0"], limit: .seconds(20))
        #expect(result.status == 2)
        #expect(result.output.contains("not a loopback address"), "\(result.output)")
    }

    // MARK: - Helpers

    func withServe(
        _ body: (ServeProcess, LiveHTTPClient) async throws -> Void,
        after: (ServeProcess) -> Void = { _ in }
    ) async throws {
        try await withTaskExecutorPreference(LiveTestExecutor.shared) {
            let serve = try await ServeProcess.start(scenario: Self.scenario)
            defer { serve.removeFiles() }
            let client = LiveHTTPClient()
            var failure: (any Error)?
            do {
                try await body(serve, client)
            } catch {
                failure = error
            }
            try? await client.shutdown()
            let status = await serve.stop()
            #expect(status == 0, "chaos-run serve exits 0 on SIGTERM: \(serve.standardError.suffix(2000))")
            after(serve)
            if let failure { throw failure }
        }
    }

    /// Polls the control API's events (every 20 ms, at most 20 s) until `text` appears `count` times.
    static func waitForEvents(_ serve: ServeProcess, _ client: LiveHTTPClient, containing text: String, count: Int)
        async throws
    {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let events = try await LiveServeTests.text(client, serve.control(.get, "/events")).body
            if events.components(separatedBy: text).count - 1 >= count { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("'\(text)' did not appear \(count) times in the events within 20 s")
    }
}

extension ServeProcess {
    func control(_ method: HTTPRequest.Method, _ path: String) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", authority: status.control, path: path)
    }

    /// A control API call: its status and text.
    func call(_ client: LiveHTTPClient, _ method: HTTPRequest.Method, _ path: String, body: String? = nil)
        async throws -> (status: Int, body: String)
    {
        try await LiveServeTests.text(client, control(method, path), body: body)
    }
}

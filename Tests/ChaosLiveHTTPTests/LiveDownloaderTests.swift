import ChaosComponents
import ChaosCore
import ChaosLiveHTTP
import Foundation
import Testing

/// The robust downloader in its production configuration: `LiveHTTPClient`, `LocalFileSystem` and the continuous
/// clock, against a loopback server that answers Kubo's `get` RPC (the one endpoint it calls) with a real tar.
@Suite struct LiveDownloaderTests {
    /// Short timeouts and backoff, so a stalled attempt costs well under a second.
    static let policy = DownloadRetryPolicy(
        attemptCountMax: 3, backoffBase: .milliseconds(100), backoffCap: .milliseconds(200),
        jitterMax: .milliseconds(50), connectTimeout: .seconds(2), readIdleTimeout: .seconds(1),
        totalTimeout: .seconds(20))

    @Test func theRobustDownloaderFetchesAPackageOverARealSocketIntoALocalDirectory() async throws {
        let fixture = try await PackageFixture.make()
        defer { try? FileManager.default.removeItem(atPath: fixture.root) }
        try await withLiveClient(serverArguments: ["--tar", fixture.tarPath]) { server, client in
            let downloader = Self.downloader(http: client, server: server)
            try await downloader.download(cid: fixture.cid, into: "\(fixture.root)/out")
            try await Self.expectPackage(at: "\(fixture.root)/out")
            #expect(downloader.attempts.count == 1)
        }
    }

    @Test func theRobustDownloaderRetriesAStalledDownloadAndLeavesNoStagingBehind() async throws {
        let fixture = try await PackageFixture.make()
        defer { try? FileManager.default.removeItem(atPath: fixture.root) }
        try await withLiveClient(serverArguments: ["--tar", fixture.tarPath, "--stall-first-get"]) { server, client in
            let downloader = Self.downloader(http: client, server: server)
            try await downloader.download(cid: fixture.cid, into: "\(fixture.root)/out")
            try await Self.expectPackage(at: "\(fixture.root)/out")
            #expect(downloader.attempts.map(\.number) == [1, 2])
            #expect(downloader.attempts.first?.error?.cause == "read_timeout")
            let entries = try await LocalFileSystem().listDirectory(at: fixture.root).sorted()
            #expect(entries == [fixture.cid, "out", "package.tar"].sorted())
        }
    }

    static func downloader(http: LiveHTTPClient, server: LoopbackServer) -> IPFSDownloader {
        IPFSDownloader(
            variant: .robust, http: http, fileSystem: LocalFileSystem(), clock: ContinuousClock(),
            random: SystemRandomNumberGenerator(), registryAuthority: server.authority, policy: policy)
    }

    static func expectPackage(at target: String) async throws {
        let fileSystem = LocalFileSystem()
        for (path, contents) in PackageFixture.files {
            #expect(try await fileSystem.readFile(at: "\(target)/\(path)") == contents, "\(path)")
        }
        #expect(try await fileSystem.listDirectory(at: target).sorted() == ["README.md", "lib"])
    }
}

import ChaosNet
import HTTPTypes
import ChaosComponents
import Scenarios
import Testing

/// An HTTP client that answers every request with a fixed 200 body: a crafted archive.
final class CannedHTTPClient: HTTPClient, @unchecked Sendable {
    let body: [UInt8]
    private(set) var requestCount = 0

    init(body: [UInt8]) {
        self.body = body
    }

    func execute(_ request: HTTPRequest, body: HTTPBody?, timeouts: HTTPTimeouts) async throws -> HTTPClientResponse {
        requestCount += 1
        return HTTPClientResponse(head: HTTPResponse(status: .ok), body: .bytes(self.body))
    }
}

/// A tar archive of `entries`, files holding `content`.
func craftedArchive(_ entries: [TarEntry], content: [UInt8] = Array("evil\n".utf8)) throws -> [UInt8] {
    var writer = TarWriter()
    var bytes: [UInt8] = []
    for entry in entries {
        bytes += try writer.header(for: entry)
        if entry.kind == .file {
            bytes += content
            bytes += try writer.contentWritten(content.count)
        }
    }
    return bytes + (try writer.end())
}

@Suite("Downloader: unsafe archives")
struct ArchiveSafetyTests {
    static let cid = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn"

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var entries: [TarEntry]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "parent escape", entries: [.directory(cid), .file("\(cid)/../../evil", size: 5)]),
        Case(name: "absolute path", entries: [.directory(cid), .file("/etc/evil", size: 5)]),
        Case(name: "escaping symlink then write through it",
             entries: [.directory(cid), .symlink("\(cid)/up", target: "../.."), .file("\(cid)/up/evil", size: 5)]),
        Case(name: "write through an inner symlink",
             entries: [.directory(cid), .directory("\(cid)/d"), .symlink("\(cid)/s", target: "d"),
                       .file("\(cid)/s/evil", size: 5)]),
    ]

    @Test("robust refuses unsafe members as a hard error, once, and leaves nothing", arguments: cases)
    func robustRefuses(_ test: Case) throws {
        let seed: UInt64 = 3
        let result = Simulation(seed: seed).run { simulation in
            let fileSystem = SimFileSystem()
            try await fileSystem.createDirectory(at: "/srv/packages", withIntermediates: true)
            let client = CannedHTTPClient(body: try craftedArchive(test.entries))
            let downloader = IPFSDownloader(
                variant: .robust, http: client, fileSystem: fileSystem, clock: simulation.clock,
                random: simulation.random("downloader.jitter"))
            var error: DownloadError?
            do {
                try await downloader.download(cid: Self.cid, into: "/srv/packages/pkg")
            } catch let thrown as DownloadError {
                error = thrown
            }
            return (error, client.requestCount, try fileSystem.snapshot(of: "/").paths)
        }
        let (error, requests, paths) = try unwrap(result)
        #expect(error?.reason == .unsafePath, "seed \(seed): \(String(describing: error))")
        #expect(error?.kind == .hard, "seed \(seed)")
        #expect(requests == 1, "seed \(seed)")
        #expect(paths == ["srv", "srv/packages"], "seed \(seed): \(paths)")
    }

    @Test("naive writes a parent-escaping member outside its target")
    func naiveEscapes() throws {
        let seed: UInt64 = 3
        let result = Simulation(seed: seed).run { simulation in
            let fileSystem = SimFileSystem()
            let client = CannedHTTPClient(body: try craftedArchive(Self.cases[0].entries))
            let downloader = IPFSDownloader(
                variant: .naive, http: client, fileSystem: fileSystem, clock: simulation.clock,
                random: simulation.random("downloader.jitter"))
            try await downloader.download(cid: Self.cid, into: "/srv/packages/pkg")
            return await fileSystem.exists(at: "/srv/evil")
        }
        #expect(try unwrap(result), "seed \(seed): the naive extractor follows ../ out of its target")
    }
}

@Suite("Downloader: archives that end cleanly but are wrong")
struct ArchiveVerificationTests {
    struct Run: Sendable {
        var error: DownloadError?
        var thrown: String?
        var requestCount: Int
        var paths: [String]
    }

    static func run(_ variant: IPFSDownloader.Variant, body: [UInt8], seed: UInt64 = 5) throws -> Run {
        let result = Simulation(seed: seed).run { simulation in
            let fileSystem = SimFileSystem()
            let client = CannedHTTPClient(body: body)
            let downloader = IPFSDownloader(
                variant: variant, http: client, fileSystem: fileSystem, clock: simulation.clock,
                random: simulation.random("downloader.jitter"))
            var thrown: (any Error)?
            do {
                try await downloader.download(cid: ArchiveSafetyTests.cid, into: "/pkg")
            } catch {
                thrown = error
            }
            return Run(
                error: thrown as? DownloadError, thrown: thrown.map { "\($0)" }, requestCount: client.requestCount,
                paths: try fileSystem.snapshot(of: "/").paths)
        }
        return try unwrap(result)
    }

    static let cid = ArchiveSafetyTests.cid
    static let entries: [TarEntry] = [.directory(cid), .file("\(cid)/a.txt", size: 5)]

    @Test("an archive without end blocks and no trailer: naive accepts it, robust retries it as truncated")
    func missingEndBlocks() throws {
        var full = try craftedArchive(Self.entries)
        full.removeLast(1_024)
        let naive = try Self.run(.naive, body: full)
        #expect(naive.thrown == nil, "seed 5: \(naive.thrown ?? "")")
        #expect(naive.paths.contains("pkg/a.txt"), "seed 5: \(naive.paths)")
        let robust = try Self.run(.robust, body: full)
        #expect(robust.error?.reason == .truncatedArchive && robust.error?.kind == .transient, "seed 5")
        #expect(robust.requestCount == 3, "seed 5")
        #expect(robust.paths.isEmpty, "seed 5: \(robust.paths)")
    }

    @Test("a complete archive of other content: robust fails hard on the CID mismatch, once, and leaves nothing")
    func cidMismatch() throws {
        let body = try craftedArchive(Self.entries)
        let robust = try Self.run(.robust, body: body)
        #expect(robust.error?.reason == .cidMismatch && robust.error?.kind == .hard, "seed 5: \(robust.thrown ?? "")")
        #expect(robust.requestCount == 1, "seed 5")
        #expect(robust.paths.isEmpty, "seed 5: \(robust.paths)")
    }
}

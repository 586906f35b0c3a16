import Foundation
import ChaosNet
import Testing

/// Compares the importer with Debian's independent `ipfs_cid` tool (package `ipfs-cid`), which prints the CIDs of
/// Kubo's default DAG for a file: `{"CIDv0":"Qm…","CIDv1":"bafybei…"}`, the v1 being the same DAG in base32.
@Suite(
    "Cross-check with ipfs_cid",
    .enabled(
        if: IPFSCidTool.path != nil,
        "ipfs_cid is not installed; run `apt-get install -y ipfs-cid` to enable this suite")
)
struct IPFSCidToolTests {
    static let chunk = UnixFSImportOptions.chunkSizeDefault
    static let mebibyte = 1 << 20

    /// Sizes at chunk edges from 0 B to 3 MiB, plus seeded random ones.
    static let smallSizes: [Int] = {
        var sizes = [
            0, 1, 11, 1_000, chunk - 1, chunk, chunk + 1, 2 * chunk, 3 * chunk + 7, mebibyte - 1, mebibyte,
            mebibyte + 1, 2 * mebibyte + chunk / 2, 3 * mebibyte - 1, 3 * mebibyte,
        ]
        var random = TestRandom(seed: 0xc1d)
        sizes += (0..<8).map { _ in Int.random(in: 0...(3 * mebibyte), using: &random) }
        return sizes
    }()

    /// Sizes around 174 and 175 chunks, where the root gains a second level (about 46 MB each).
    static let boundarySizes = [174 * chunk - 1, 174 * chunk, 174 * chunk + 1, 175 * chunk + 12_345]

    @Test("random files of 0 B to 3 MiB have ipfs_cid's CIDs", arguments: smallSizes)
    func smallFiles(size: Int) throws {
        try compare(size: size)
    }

    @Test("files around the 174-chunk boundary have ipfs_cid's CIDs", arguments: boundarySizes)
    func boundaryFiles(size: Int) throws {
        try compare(size: size)
    }

    private func compare(size: Int) throws {
        let seed = UInt64(size) ^ 0x1dea
        let file = TestRandom.bytes(seed: seed, count: size)
        let expected = try runTool(on: file)
        let node = cidOfFile(file)
        #expect(node.cid.description == expected.v0, "seed \(seed) size \(size)")
        #expect(node.cid.v1.description == expected.v1, "seed \(seed) size \(size)")
        #expect(node.filesize == UInt64(size))
    }

    private func runTool(on file: [UInt8]) throws -> (v0: String, v1: String) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ipfs-cid-\(UUID().uuidString)")
        try Data(file).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(IPFSCidTool.path))
        process.arguments = [url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        return (try #require(json["CIDv0"]), try #require(json["CIDv1"]))
    }
}

/// Where the `ipfs_cid` executable is, if installed.
enum IPFSCidTool {
    static let path: String? = ["/usr/bin/ipfs_cid", "/usr/local/bin/ipfs_cid"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

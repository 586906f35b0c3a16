import ChaosCore
import ChaosIPFS
import Foundation

/// A small IPFS package on the local disk: a tree, its CID, and the tar Kubo's `get` would send for it (root entry
/// named after the CID, as the downloader expects), made with GNU tar. Remove `root` when done.
struct PackageFixture {
    let root: String
    let cid: String
    let tarPath: String
    /// The package's files, by path relative to the package root.
    static let files: [String: [UInt8]] = [
        "README.md": Array("a package fetched over a real socket\n".utf8),
        "lib/data.bin": (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) },
    ]

    static func make() async throws -> PackageFixture {
        let fileSystem = LocalFileSystem()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("live-pkg-\(UUID().uuidString)").path
        let tree = "\(root)/tree"
        try await fileSystem.createDirectory(at: "\(tree)/lib", withIntermediates: true)
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            try await fileSystem.writeFile(at: "\(tree)/\(path)", contents: contents)
        }
        let node = try await UnixFSTreeImporter(includeHidden: true).importItem(at: tree, in: fileSystem)
        let cid = node.cid.description
        try await fileSystem.rename(from: tree, to: "\(root)/\(cid)")
        let tarPath = "\(root)/package.tar"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "--format=ustar", "-cf", tarPath, "-C", root, cid]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else {
            throw FixtureFailure(description: "tar exited with \(tar.terminationStatus)")
        }
        return PackageFixture(root: root, cid: cid, tarPath: tarPath)
    }

    struct FixtureFailure: Error, CustomStringConvertible {
        var description: String
    }
}

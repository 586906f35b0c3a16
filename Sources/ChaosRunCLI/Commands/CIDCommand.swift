import ArgumentParser
import ChaosNet
import Foundation

struct CIDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cid",
        abstract: "Prints the IPFS CID of a local file or directory, as `ipfs add --only-hash -Q` would.",
        discussion: """
            Offline hashing with Kubo's defaults (UnixFS, 256 KiB chunks, balanced DAG, CIDv0). Directories are \
            added recursively; names starting with a dot are skipped unless --hidden is given, and symbolic links \
            are hashed as links, never followed.
            """
    )

    @Argument(help: "The file or directory to hash.")
    var path: String

    @Option(name: .customLong("cid-version"), help: "CID version: 0 (Qm…) or 1 (bafy…, implies raw leaves).")
    var cidVersion: Int = 0

    @Flag(name: .customLong("raw-leaves"), help: "Store file chunks as raw blocks.")
    var rawLeaves = false

    @Option(help: "Chunker, as Kubo spells it: size-<bytes>.")
    var chunker: String = "size-262144"

    @Flag(name: .customLong("wrap-with-directory"), help: "Wrap the item in a directory holding just it.")
    var wrapWithDirectory = false

    @Flag(help: "Include files and directories whose names start with a dot.")
    var hidden = false

    func validate() throws {
        guard cidVersion == 0 || cidVersion == 1 else {
            throw ValidationError("--cid-version must be 0 or 1, got \(cidVersion).")
        }
        do {
            _ = try UnixFSImportOptions(cidVersion: cidVersion, rawLeaves: rawLeaves ? true : nil, chunker: chunker)
        } catch {
            throw ValidationError("--chunker \(chunker): \(error)")
        }
    }

    func run() async throws {
        let options = try UnixFSImportOptions(cidVersion: cidVersion, rawLeaves: rawLeaves ? true : nil, chunker: chunker)
        let importer = UnixFSTreeImporter(options: options, includeHidden: hidden)
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        do {
            let node = wrapWithDirectory
                ? try await importer.importWrapped(at: absolute, in: LocalFileSystem(), sink: { _ in })
                : try await importer.importItem(at: absolute, in: LocalFileSystem(), sink: { _ in })
            print(node.cid)
        } catch {
            // A missing or unreadable path is bad input: say which and exit 2.
            throw BadInput("cannot hash \(path): \(error)")
        }
    }
}

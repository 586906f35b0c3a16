import ChaosCore

/// Imports a file, a symlink or a whole directory tree from any `FileSystem`, the way `ipfs add -r` does: files
/// chunked by `UnixFSImporter`, directories built bottom-up with links sorted by name, symlinks kept as symlink
/// nodes (never followed).
///
/// Used to hash local paths (`chaos-run cid`) and to verify that an extracted download is exactly the requested
/// content. Reads files in bounded chunks, so memory stays small whatever the tree holds.
public struct UnixFSTreeImporter: Sendable {
    public var options: UnixFSImportOptions
    /// Whether names starting with `.` are imported; `ipfs add -r` skips them unless given `--hidden`.
    public var includeHidden: Bool
    /// Bytes read from a file at a time.
    public var readChunkSize: Int
    /// Entries imported at most, a guard against runaway trees.
    public var entryCountMax: Int

    public init(
        options: UnixFSImportOptions = UnixFSImportOptions(),
        includeHidden: Bool = false,
        readChunkSize: Int = 1 << 20,
        entryCountMax: Int = 1_000_000
    ) {
        precondition(readChunkSize > 0 && entryCountMax > 0, "chunk size and entry limit must be positive")
        self.options = options
        self.includeHidden = includeHidden
        self.readChunkSize = readChunkSize
        self.entryCountMax = entryCountMax
    }

    /// Errors beyond the file system's own.
    public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
        case tooManyEntries(limit: Int)
        case unsupportedEntry(path: String)
        case invalidEntry(path: String, reason: String)

        public var description: String {
            switch self {
            case let .tooManyEntries(limit): "the tree has more than \(limit) entries"
            case let .unsupportedEntry(path): "\(path) is neither a file, a directory nor a symbolic link"
            case let .invalidEntry(path, reason): "\(path) cannot be imported: \(reason)"
            }
        }
    }

    /// Imports the entry at `path`; `sink` receives every block, children before parents.
    public func importItem(
        at path: String, in fileSystem: some FileSystem, sink: (IPFSBlock) throws -> Void
    ) async throws -> ImportedNode {
        var count = 0
        return try await importEntry(at: path, in: fileSystem, count: &count, emitsLeaves: true, sink: sink)
    }

    /// Names the entry at `path` without producing its blocks: the same root as `importItem(at:in:sink:)`, but file
    /// leaves are only hashed, never encoded. For checking a tree against a CID.
    public func importItem(at path: String, in fileSystem: some FileSystem) async throws -> ImportedNode {
        var count = 0
        return try await importEntry(at: path, in: fileSystem, count: &count, emitsLeaves: false) { _ in }
    }

    /// Imports the entry at `path` inside a directory that holds just it, under its base name
    /// (`ipfs add --wrap-with-directory`).
    public func importWrapped(
        at path: String, in fileSystem: some FileSystem, sink: (IPFSBlock) throws -> Void
    ) async throws -> ImportedNode {
        let node = try await importItem(at: path, in: fileSystem, sink: sink)
        let name = try FileSystemPath.components(of: FileSystemPath.normalize(path)).last ?? ""
        do {
            return try UnixFSDirectoryBuilder.wrapping(node, name: name, options: options).finish(sink: sink)
        } catch let error as UnixFSEntryError {
            throw ImportError.invalidEntry(path: path, reason: "\(error)")
        }
    }

    private func importEntry(
        at path: String, in fileSystem: some FileSystem, count: inout Int, emitsLeaves: Bool,
        sink: (IPFSBlock) throws -> Void
    ) async throws -> ImportedNode {
        count += 1
        guard count <= entryCountMax else { throw ImportError.tooManyEntries(limit: entryCountMax) }
        let attributes = try await fileSystem.attributes(at: path, followSymlinks: false)
        switch attributes.kind {
        case .file:
            var importer = UnixFSImporter(options: options, emitsLeaves: emitsLeaves)
            // Each read is held back until the next one shows whether it was the last: the importer then encodes the
            // final chunk straight from it instead of copying it into its chunk buffer.
            var held: [UInt8] = []
            var offset = 0
            while true {
                let chunk = try await fileSystem.readFile(at: path, offset: offset, count: readChunkSize)
                if chunk.isEmpty { break }
                try importer.append(held, sink: sink)
                held = chunk
                offset += chunk.count
            }
            return try importer.finish(appending: held, sink: sink)
        case .symlink:
            let target = try await fileSystem.readSymlink(at: path)
            do {
                return try UnixFSSymlink(target: target, options: options).finish(sink: sink)
            } catch let error as UnixFSEntryError {
                throw ImportError.invalidEntry(path: path, reason: "\(error)")
            }
        case .directory:
            var builder = UnixFSDirectoryBuilder(options: options)
            for name in try await fileSystem.listDirectory(at: path) where includeHidden || !name.hasPrefix(".") {
                let child = try await importEntry(
                    at: FileSystemPath.joining(path, name), in: fileSystem, count: &count, emitsLeaves: emitsLeaves,
                    sink: sink
                )
                do {
                    try builder.add(name: name, node: child)
                } catch {
                    throw ImportError.invalidEntry(path: FileSystemPath.joining(path, name), reason: "\(error)")
                }
            }
            return try builder.finish(sink: sink)
        case .other:
            throw ImportError.unsupportedEntry(path: path)
        }
    }
}

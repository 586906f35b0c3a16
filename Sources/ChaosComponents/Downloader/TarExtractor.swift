import ChaosCore
import ChaosTar

/// Writes the members of a tar stream into a directory of a `FileSystem`, as their events arrive.
///
/// Kubo's `get` names the archive's root entry after the requested path (`<cid>`); the extractor drops that first
/// component, so the root directory's content lands directly in `root`. With `checksPaths`, absolute and escaping
/// paths, escaping symlink targets and writes through an extracted symlink are refused; without it (the naive
/// variant, like an unguarded `tarfile.extractall`) paths are joined as they come.
///
/// Not thread-safe: use from one task.
final class TarExtractor {
    /// Why an archive was refused.
    struct UnsafePath: Error, Equatable, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "unsafe archive member \(path): \(reason)" }
    }

    let fileSystem: any FileSystem
    let root: String
    let checksPaths: Bool
    private var handle: (any FileWriteHandle)?
    /// Extracted symlinks, as root-relative components joined by "/", so nothing is written through them.
    private var symlinks: [String] = []
    /// Members written, for reports.
    private(set) var entryCount = 0

    init(fileSystem: any FileSystem, root: String, checksPaths: Bool) {
        self.fileSystem = fileSystem
        self.root = root
        self.checksPaths = checksPaths
    }

    func apply(_ event: TarEvent) async throws {
        switch event {
        case let .entry(entry):
            try await closeHandle()
            try await create(entry)
        case let .data(bytes):
            guard let handle else { return }
            try await handle.append(bytes)
        case .end:
            try await closeHandle()
        }
    }

    /// Closes the last file; call once the stream has ended.
    func finish() async throws {
        try await closeHandle()
    }

    /// Closes the open file, if any, ignoring errors: used on failure paths.
    func abandon() async {
        guard let handle else { return }
        self.handle = nil
        try? await handle.close()
    }

    private func closeHandle() async throws {
        guard let handle else { return }
        self.handle = nil
        try await handle.close()
    }

    private func create(_ entry: TarEntry) async throws {
        guard let relative = try relativePath(of: entry) else { return }
        let path = FileSystemPath.joining(root, relative)
        let mode = UInt16(entry.mode & 0o7777)
        entryCount += 1
        switch entry.kind {
        case .directory:
            try await fileSystem.createDirectory(at: path, mode: mode | 0o700, withIntermediates: true)
        case .file:
            let file = try await fileSystem.openForWriting(
                at: path, mode: mode, disposition: checksPaths ? .exclusive : .overwrite)
            // The header announces the content's size: let the file system size the file once.
            file.reserveCapacity(forAppending: Int(clamping: entry.size))
            handle = file
        case .symlink:
            if checksPaths {
                guard case .safe = TarPathSafety.classify(linkTarget: entry.linkTarget, linkPath: relative) else {
                    throw UnsafePath(path: entry.path, reason: "symlink target \(entry.linkTarget) leaves the package")
                }
                symlinks.append(relative)
            }
            try await fileSystem.createSymlink(at: path, target: entry.linkTarget)
        }
    }

    /// The member's path below the archive root, nil for the root entry itself.
    private func relativePath(of entry: TarEntry) throws -> String? {
        guard checksPaths else {
            guard let slash = entry.path.firstIndex(of: "/") else { return nil }
            return String(entry.path[entry.path.index(after: slash)...])
        }
        guard case let .safe(components) = TarPathSafety.classify(path: entry.path), !components.isEmpty else {
            throw UnsafePath(path: entry.path, reason: "absolute, escaping or empty path")
        }
        guard components.count > 1 else {
            guard entry.kind == .directory else {
                throw UnsafePath(path: entry.path, reason: "the package root is not a directory")
            }
            return nil
        }
        let relative = components.dropFirst().joined(separator: "/")
        for link in symlinks where relative == link || relative.hasPrefix(link + "/") {
            throw UnsafePath(path: entry.path, reason: "written through the extracted symlink \(link)")
        }
        return relative
    }
}

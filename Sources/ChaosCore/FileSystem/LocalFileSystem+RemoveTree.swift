#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalFileSystem {
    /// One directory being emptied by `removeTree`.
    private struct RemovalFrame {
        let path: String
        let names: [String]
        var nextIndex = 0
    }

    public func removeTree(at path: String) async throws(FileSystemError) {
        let path = try FileSystemPath.normalize(path)
        guard path != "/" else { throw .invalidPath(path: path, reason: "the root cannot be removed") }
        let info = try LocalSyscalls.status(path, followSymlinks: false)
        guard LocalSyscalls.attributes(of: info).kind == .directory else {
            try removeEntry(path, isDirectory: false)
            return
        }
        // Iterative, depth first, in sorted order like `SimFileSystem`. Every entry is classified with lstat and
        // every directory opened with O_NOFOLLOW, so a symlink (even one swapped in meanwhile) is unlinked, never
        // followed.
        var stack = [try enter(path)]
        while !stack.isEmpty {
            let frame = stack[stack.count - 1]
            guard frame.nextIndex < frame.names.count else {
                stack.removeLast()
                try removeEntry(frame.path, isDirectory: true)
                continue
            }
            stack[stack.count - 1].nextIndex += 1
            let childPath = FileSystemPath.joining(frame.path, frame.names[frame.nextIndex])
            let child: stat
            do {
                child = try LocalSyscalls.status(childPath, followSymlinks: false)
            } catch .notFound {
                continue
            }
            if LocalSyscalls.attributes(of: child).kind == .directory {
                stack.append(try enter(childPath))
            } else {
                try removeEntry(childPath, isDirectory: false)
            }
        }
    }

    private func enter(_ path: String) throws(FileSystemError) -> RemovalFrame {
        let descriptor = try LocalSyscalls.openDescriptor(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        return RemovalFrame(
            path: path,
            names: try LocalSyscalls.names(inDirectory: descriptor, path: path, countMax: directoryEntryCountMax))
    }
}

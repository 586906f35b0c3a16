/// Lexical handling of absolute POSIX paths, shared by both implementations so that they accept and reject the same
/// paths.
///
/// Normalisation is purely textual: `/a/link/..` becomes `/a` even if `link` is a symlink to a directory elsewhere
/// (where the kernel would go to the target's parent). Components ask for this so that a path names one place
/// regardless of what is on disk; symlink targets, in contrast, are resolved physically when a path is looked up.
/// A trailing slash is dropped, so `/a/file/` names the file.
public enum FileSystemPath {
    /// The longest path accepted, in UTF-8 bytes (Linux `PATH_MAX`, which includes the terminating NUL).
    public static let lengthMax = 4095
    /// The longest component accepted, in UTF-8 bytes (`NAME_MAX`).
    public static let componentLengthMax = 255

    /// The path in normal form: absolute, without `.`, `..`, repeated or trailing slashes.
    public static func normalize(_ path: String) throws(FileSystemError) -> String {
        let parts = try components(of: path)
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/")
    }

    /// The components of the normalised path (empty for the root).
    public static func components(of path: String) throws(FileSystemError) -> [String] {
        guard path.hasPrefix("/") else { throw .invalidPath(path: path, reason: "not an absolute path") }
        guard path.utf8.count <= lengthMax else {
            throw .invalidPath(path: path, reason: "longer than \(lengthMax) bytes")
        }
        // Splitting by Character runs grapheme breaking over every byte; for an ASCII path, where each byte is a
        // Character, one pass over the UTF-8 bytes gives the same parts far faster (path parsing measured a fifth of
        // a simulated cache copy before this pass).
        switch path.utf8.withContiguousStorageIfAvailable({ asciiComponents($0, of: path) }) {
        case let .components(parts)?: return parts
        case let .failed(error)?: throw error
        case .notASCII?, nil: break
        }
        guard !path.utf8.contains(0) else { throw .invalidPath(path: path, reason: "contains a NUL byte") }
        return try normalizedComponents(path.split(separator: "/", omittingEmptySubsequences: true), of: path)
    }

    private enum ASCIISplit {
        case components([String])
        case notASCII
        case failed(FileSystemError)
    }

    /// The normalised components of an ASCII path in one pass over its bytes, or `.notASCII` at the first byte that
    /// is not; errors are those `normalizedComponents` gives, a NUL byte reported before a long component.
    private static func asciiComponents(_ bytes: UnsafeBufferPointer<UInt8>, of path: String) -> ASCIISplit {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        var result: [String] = []
        var start = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : slash
            if byte == 0 { return .failed(.invalidPath(path: path, reason: "contains a NUL byte")) }
            if byte >= 0x80 { return .notASCII }
            guard byte == slash else { continue }
            defer { start = index + 1 }
            let length = index - start
            if length == 0 || (length == 1 && bytes[start] == dot) { continue }
            if length == 2 && bytes[start] == dot && bytes[start + 1] == dot {
                // `..` at the root stays at the root, as the kernel does.
                if !result.isEmpty { result.removeLast() }
                continue
            }
            guard length <= componentLengthMax else {
                if bytes[index...].contains(0) {
                    return .failed(.invalidPath(path: path, reason: "contains a NUL byte"))
                }
                if bytes[index...].contains(where: { $0 >= 0x80 }) { return .notASCII }
                let reason = "a component is longer than \(componentLengthMax) bytes"
                return .failed(.invalidPath(path: path, reason: reason))
            }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }
        return .components(result)
    }

    /// The components left once `.` and `..` are applied to `parts`, the non-empty parts of `path`.
    private static func normalizedComponents(
        _ parts: some Sequence<Substring>, of path: String
    ) throws(FileSystemError) -> [String] {
        var result: [String] = []
        for part in parts {
            if part == "." { continue }
            if part == ".." {
                // `..` at the root stays at the root, as the kernel does.
                if !result.isEmpty { result.removeLast() }
                continue
            }
            guard part.utf8.count <= componentLengthMax else {
                throw .invalidPath(path: path, reason: "a component is longer than \(componentLengthMax) bytes")
            }
            result.append(String(part))
        }
        return result
    }

    /// `name` inside the normalised directory path `parent`.
    public static func joining(_ parent: String, _ name: String) -> String {
        parent == "/" ? "/" + name : parent + "/" + name
    }

    /// The directory holding the normalised `path` (the root for the root).
    /// The last component of a normalised path ("/" for the root), as `basename` gives it.
    public static func lastComponent(of path: String) -> String {
        guard path != "/", let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Whether the normalised `path` is `prefix` or lies below it, comparing whole components (`/ab` is not below
    /// `/a`).
    public static func isPrefix(_ prefix: String, of path: String) -> Bool {
        if prefix == "/" || prefix == path { return true }
        return path.hasPrefix(prefix) && path.utf8.dropFirst(prefix.utf8.count).first == UInt8(ascii: "/")
    }

    /// Orders strings by their UTF-8 bytes, which is how directory listings and snapshots are sorted (Swift's `<`
    /// on `String` compares Unicode scalars after normalisation, which is not what a byte-oriented tool expects).
    public static func precedesByBytes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Checks a symlink target: stored verbatim, so only what no kernel accepts is refused.
    package static func validateSymlinkTarget(_ target: String, at path: String) throws(FileSystemError) {
        guard !target.isEmpty else { throw .invalidPath(path: path, reason: "empty symlink target") }
        guard target.utf8.count <= lengthMax else {
            throw .invalidPath(path: path, reason: "symlink target longer than \(lengthMax) bytes")
        }
        guard !target.utf8.contains(0) else { throw .invalidPath(path: path, reason: "symlink target contains NUL") }
    }
}

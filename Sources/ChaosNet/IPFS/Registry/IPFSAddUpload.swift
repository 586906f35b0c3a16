/// Reads an `add` request's multipart upload into imported UnixFS nodes, in the layout go-ipfs-files sends:
/// each part's `filename` is the URL-escaped path of a file (`application/octet-stream`), a symlink
/// (`application/symlink`, body = target) or a directory (`application/x-directory`, declared before its content).
///
/// File parts are imported while they stream in; blocks are staged and handed back, so that a refused upload leaves
/// the store untouched. Output entries follow Kubo: files and symlinks in upload order as each completes, then every
/// directory after its content (children in name order), then the wrapping directory (name "") if requested.
struct IPFSAddUpload {
    /// The `add` flags that shape the result.
    struct Flags: Sendable {
        var options = UnixFSImportOptions()
        var wrapWithDirectory = false
    }

    /// What was added: Kubo's output entries, the staged blocks, and the roots (what `pin` pins).
    struct Result: Sendable {
        var entries: [(name: String, node: ImportedNode)] = []
        var blocks: [IPFSBlock] = []
        var roots: [ImportedNode] = []
    }

    /// The longest part file name accepted, in bytes.
    static let pathByteCountMax = 4_096

    /// A directory under construction: children in upload order, names indexed for duplicate checks only.
    private final class Directory {
        enum Child {
            case directory(Directory)
            case node(ImportedNode)
        }

        var children: [(name: String, child: Child)] = []
        var names: Set<String> = []
    }

    private let flags: Flags
    private var result = Result()
    private let root = Directory()
    /// Declared directories by full path (lookup only; never iterated).
    private var directories: [String: Directory] = [:]

    private init(flags: Flags) {
        self.flags = flags
    }

    /// Reads every part of `reader` and imports the upload.
    static func read(_ reader: MultipartReader, flags: Flags) async throws -> Result {
        var upload = IPFSAddUpload(flags: flags)
        while let part = try await reader.nextPart() {
            try await upload.addPart(part, reader: reader)
        }
        return try upload.finish()
    }

    private mutating func addPart(_ part: MultipartPartHead, reader: MultipartReader) async throws {
        let path = try Self.path(of: part)
        let components = path.split(separator: "/").map(String.init)
        let name = components[components.count - 1]
        let parentPath = components.dropLast().joined(separator: "/")
        let parent: Directory
        if parentPath.isEmpty {
            parent = root
        } else if let declared = directories[parentPath] {
            parent = declared
        } else {
            throw IPFSAddError.missingParent(path: path, parent: parentPath)
        }
        guard !parent.names.contains(name) else { throw IPFSAddError.duplicatePath(path) }
        let contentType = part.field("content-type").flatMap { try? MIMEHeaderValue(parsing: $0) }?.value
        let child: Directory.Child
        switch contentType {
        case "application/x-directory":
            let directory = Directory()
            directories[path] = directory
            child = .directory(directory)
        case "application/symlink":
            var target: [UInt8] = []
            while let chunk = try await reader.nextChunk() {
                guard target.count + chunk.count <= UnixFSSymlink.targetByteCountMax else {
                    throw IPFSAddError.entry(
                        path: path,
                        .symlinkTargetTooLong(
                            byteCount: target.count + chunk.count, byteCountMax: UnixFSSymlink.targetByteCountMax))
                }
                target += chunk
            }
            guard let text = String(validating: target, as: UTF8.self) else {
                throw IPFSAddError.invalidPath(path, reason: "symlink target is not UTF-8")
            }
            let node: ImportedNode
            do {
                node = try UnixFSSymlink(target: text, options: flags.options).finish { result.blocks.append($0) }
            } catch {
                throw IPFSAddError.entry(path: path, error)
            }
            result.entries.append((path, node))
            child = .node(node)
        case let type? where type.hasPrefix("multipart/"):
            throw IPFSAddError.unsupported(
                "part \(part.index) (\"\(path)\") is a nested \(type); send each entry as its own part with"
                    + " application/x-directory parts for directories")
        default:
            var importer = UnixFSImporter(options: flags.options)
            while let chunk = try await reader.nextChunk() {
                importer.append(chunk) { result.blocks.append($0) }
            }
            let node = importer.finish { result.blocks.append($0) }
            result.entries.append((path, node))
            child = .node(node)
        }
        parent.names.insert(name)
        parent.children.append((name, child))
    }

    /// The part's decoded file name, checked to be a relative path of proper components.
    private static func path(of part: MultipartPartHead) throws -> String {
        guard let disposition = part.field("content-disposition") else {
            throw IPFSAddError.multipart(
                .malformedParameters(part: part.index, header: "Content-Disposition", reason: "the header is missing"))
        }
        let parsed: MIMEHeaderValue
        do {
            parsed = try MIMEHeaderValue(parsing: disposition)
        } catch {
            throw IPFSAddError.multipart(
                .malformedParameters(part: part.index, header: "Content-Disposition", reason: error.reason))
        }
        guard ["form-data", "file", "attachment"].contains(parsed.value), let escaped = parsed.parameter("filename")
        else {
            throw IPFSAddError.multipart(
                .malformedParameters(
                    part: part.index, header: "Content-Disposition",
                    reason: "expected form-data; name=\"file\"; filename=\"<escaped path>\""))
        }
        guard let path = PercentDecoding.decode(escaped, plusAsSpace: true) else {
            throw IPFSAddError.invalidPath(escaped, reason: "malformed %-escape or not UTF-8")
        }
        guard !path.isEmpty else { throw IPFSAddError.invalidPath(path, reason: "it is empty") }
        guard path.utf8.count <= pathByteCountMax else {
            throw IPFSAddError.invalidPath(path, reason: "longer than \(pathByteCountMax) bytes")
        }
        guard !path.hasPrefix("/") else { throw IPFSAddError.invalidPath(path, reason: "it is absolute") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component != ".", component != "..", !component.utf8.contains(0) else {
                throw IPFSAddError.invalidPath(
                    path, reason: "components must be non-empty, without NUL, and not \".\" or \"..\"")
            }
        }
        return path
    }

    /// Builds the directories bottom-up and completes the output.
    private mutating func finish() throws -> Result {
        guard !root.children.isEmpty else { throw IPFSAddError.noFiles }
        if flags.wrapWithDirectory {
            result.roots = [try finish(root, path: "")]
        } else {
            // Directories are finished (and reported) in name order; roots are listed in upload order.
            var nodes: [String: ImportedNode] = [:]
            for (name, child) in Self.sortedByNameBytes(root.children) {
                switch child {
                case let .directory(directory): nodes[name] = try finish(directory, path: name)
                case let .node(node): nodes[name] = node
                }
            }
            result.roots = root.children.map { nodes[$0.name]! }
        }
        return result
    }

    private mutating func finish(_ directory: Directory, path: String) throws -> ImportedNode {
        var builder = UnixFSDirectoryBuilder(options: flags.options)
        for (name, child) in Self.sortedByNameBytes(directory.children) {
            let childPath = path.isEmpty ? name : path + "/" + name
            let node: ImportedNode
            switch child {
            case let .directory(inner): node = try finish(inner, path: childPath)
            case let .node(imported): node = imported
            }
            do {
                try builder.add(name: name, node: node)
            } catch {
                throw IPFSAddError.entry(path: childPath, error)
            }
        }
        let node = builder.finish { result.blocks.append($0) }
        result.entries.append((path, node))
        return node
    }

    private static func sortedByNameBytes(
        _ children: [(name: String, child: Directory.Child)]
    ) -> [(name: String, child: Directory.Child)] {
        children.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }
}

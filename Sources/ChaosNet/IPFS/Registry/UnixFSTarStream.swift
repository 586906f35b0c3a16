/// Produces the tar archive of a UnixFS DAG piece by piece, as Kubo's `get` writes it, walking the DAG as it goes.
///
/// The root entry carries the given name and every other entry is `<name>/<path>`; directory children follow in link
/// order, depth first. Directories are mode 0755, files 0644, symlinks 0777, uid/gid 0, mtime 0 (Kubo stamps the
/// current time; a fixed value keeps archives reproducible). The archive ends with exactly two zero blocks.
///
/// Memory stays at one block plus one header: each `next()` returns a header, a slice of file content or padding,
/// and a block is fetched only when the walk reaches it. So a missing block throws from the `next()` call that needs
/// it, after everything before it has been returned: the caller sends those pieces, then reports the error.
///
/// A value: use one instance from one task at a time.
public struct UnixFSTarStream: Sendable {
    private struct DirectoryFrame: Sendable {
        let path: String
        let node: UnixFSNode
        var index = 0
    }

    private let dag: IPFSDAGReader
    private var writer = TarWriter()
    private var root: (node: UnixFSNode, name: String)?
    private var directories: [DirectoryFrame] = []
    /// The file whose content is being sent, and its CID for error messages.
    private var file: (reader: UnixFSFileReader, cid: CID)?
    private var padding: [UInt8]?
    private var ended = false

    init(dag: IPFSDAGReader, root: UnixFSNode, name: String) {
        self.dag = dag
        self.root = (root, name)
    }

    /// The next piece of the archive, or nil after the end blocks.
    public mutating func next() throws(IPFSDAGError) -> ArraySlice<UInt8>? {
        if let pending = padding {
            padding = nil
            return pending[...]
        }
        if let cid = file?.cid {
            if let piece = try file!.reader.next() {
                let completion = wrote(piece.count)
                if !completion.isEmpty { padding = completion }
                return piece
            }
            file = nil
            if writer.contentRemaining > 0 {
                throw .corruptBlock(
                    cid, reason: "file content ended \(writer.contentRemaining) bytes short of its declared size")
            }
        }
        if let (node, name) = root {
            root = nil
            return try entry(node, path: name)
        }
        while let top = directories.indices.last {
            let frame = directories[top]
            guard frame.index < frame.node.links.count else {
                directories.removeLast()
                continue
            }
            directories[top].index += 1
            let link = frame.node.links[frame.index]
            let name = link.name ?? ""
            guard !name.isEmpty, name != ".", name != "..", !name.utf8.contains(UInt8(ascii: "/")),
                  !name.utf8.contains(0)
            else {
                throw .invalidLinkName(name, under: frame.node.cid)
            }
            return try entry(try dag.node(link.hash), path: frame.path + "/" + name)
        }
        guard !ended else { return nil }
        ended = true
        do {
            return try writer.end()[...]
        } catch {
            preconditionFailure("the tar stream ends only between entries: \(error)")
        }
    }

    /// The header of `node` at `path`; opens the file or directory whose content follows.
    private mutating func entry(_ node: UnixFSNode, path: String) throws(IPFSDAGError) -> ArraySlice<UInt8> {
        let entry: TarEntry
        switch node.kind {
        case .directory:
            guard directories.count < IPFSDAGReader.depthMax else {
                throw .tooDeep(depthMax: IPFSDAGReader.depthMax)
            }
            entry = .directory(path, mode: 0o755)
            directories.append(DirectoryFrame(path: path, node: node))
        case .file:
            entry = .file(path, size: node.contentSize, mode: 0o644)
        case .symlink:
            entry = .symlink(path, target: node.symlinkTarget ?? "", mode: 0o777)
        }
        let header: [UInt8]
        do {
            header = try writer.header(for: entry)
        } catch {
            throw .corruptBlock(node.cid, reason: "\(error)")
        }
        if node.kind == .file, node.contentSize > 0 {
            file = (dag.fileReader(node), node.cid)
        }
        return header[...]
    }

    /// Tells the writer about `count` content bytes sent; returns the padding due once the file is complete.
    private mutating func wrote(_ count: Int) -> [UInt8] {
        do {
            return try writer.contentWritten(count)
        } catch {
            preconditionFailure("the file reader returns exactly the declared size: \(error)")
        }
    }
}

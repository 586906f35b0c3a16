/// One decoded block of a UnixFS DAG: a file (leaf, internal node or raw block), a directory or a symlink.
public struct UnixFSNode: Sendable {
    /// What the node is, as a tar entry or `ls` sees it.
    public enum Kind: Hashable, Sendable {
        case file
        case directory
        case symlink
    }

    /// The block's CID.
    public let cid: CID
    /// The node kind.
    public let kind: Kind
    /// The encoded block.
    public let block: [UInt8]
    /// Directory entries, or a file node's children in content order; empty for leaves and symlinks.
    public let links: [PBLink]
    /// The file bytes stored in this block itself (a leaf's chunk, a raw block), empty otherwise.
    let fileData: ArraySlice<UInt8>
    /// The content size of each child of a file node, in link order.
    let blocksizes: [UInt64]
    /// Bytes of file content below this node (file), target length (symlink), 0 (directory).
    public let contentSize: UInt64
    /// The symlink target; nil for other kinds.
    public let symlinkTarget: String?

    /// The block's size plus the cumulative sizes its links declare: what a parent's Tsize would say.
    public var cumulativeSize: UInt64 {
        links.reduce(UInt64(block.count)) { $0 + ($1.tsize ?? 0) }
    }

    /// The UnixFS type number `ls` reports: 1 directory, 2 file, 4 symlink.
    public var unixFSType: Int {
        switch kind {
        case .directory: 1
        case .file: 2
        case .symlink: 4
        }
    }

    /// Decodes `block`, which the store returned for `cid`; checks what a reader relies on (sizes add up, names
    /// of directory entries are present) so that a corrupt DAG is reported rather than misread.
    public init(cid: CID, block: [UInt8]) throws(IPFSDAGError) {
        self.cid = cid
        self.block = block
        guard cid.codec == .dagPB else {
            kind = .file
            links = []
            fileData = block[...]
            blocksizes = []
            contentSize = UInt64(block.count)
            symlinkTarget = nil
            return
        }
        let links: [PBLink]
        let data: (kind: UnixFSData.Kind, data: Range<Int>?, filesize: UInt64?, blocksizes: [UInt64])
        do {
            let node = try PBNode.layout(decoding: block)
            guard let range = node.data else {
                throw IPFSDAGError.corruptBlock(cid, reason: "dag-pb node without UnixFS data")
            }
            links = node.links
            data = try Self.unixFSLayout(of: block, range: range)
        } catch let error as ProtobufError {
            throw .corruptBlock(cid, reason: "\(error)")
        } catch let error as IPFSDAGError {
            throw error
        } catch {
            throw .corruptBlock(cid, reason: "\(error)")
        }
        self.links = links
        switch data.kind {
        case .file, .raw:
            kind = .file
            // A slice of the stored block: serving a file copies none of its bytes.
            let own = data.data.map { block[$0] } ?? []
            fileData = own
            guard data.blocksizes.count == links.count else {
                throw .corruptBlock(
                    cid, reason: "\(links.count) links but \(data.blocksizes.count) blocksizes")
            }
            blocksizes = data.blocksizes
            let (sum, overflow) = data.blocksizes.reduce((UInt64(own.count), false)) { partial, size in
                let (value, overflowed) = partial.0.addingReportingOverflow(size)
                return (value, partial.1 || overflowed)
            }
            if overflow || (data.filesize.map { $0 != sum } ?? false) {
                throw .corruptBlock(cid, reason: "filesize \(data.filesize ?? 0) does not match its parts (\(sum))")
            }
            contentSize = sum
            symlinkTarget = nil
        case .directory:
            kind = .directory
            fileData = []
            blocksizes = []
            contentSize = 0
            symlinkTarget = nil
            if links.contains(where: { $0.name == nil }) {
                throw .corruptBlock(cid, reason: "directory link without a name")
            }
        case .symlink:
            kind = .symlink
            fileData = []
            blocksizes = []
            guard links.isEmpty, let target = String(validating: data.data.map { block[$0] } ?? [], as: UTF8.self)
            else {
                throw .corruptBlock(cid, reason: "symlink with links or a target that is not UTF-8")
            }
            contentSize = UInt64(target.utf8.count)
            symlinkTarget = target
        case .hamtShard:
            throw .unsupportedNode(cid, kind: "HAMT-sharded directory")
        case .metadata:
            throw .unsupportedNode(cid, kind: "metadata node")
        }
    }

    /// The UnixFS message in `range` of `block`, decoded in place. A malformed message is decoded again from a copy,
    /// so that its error reports offsets within the message, exactly as `UnixFSData(decoding:)` does.
    private static func unixFSLayout(of block: [UInt8], range: Range<Int>) throws(ProtobufError)
        -> (kind: UnixFSData.Kind, data: Range<Int>?, filesize: UInt64?, blocksizes: [UInt64])
    {
        do {
            return try UnixFSData.layout(decoding: block, range: range)
        } catch {
            _ = try UnixFSData(decoding: Array(block[range]))
            throw error
        }
    }
}

import ChaosNet



/// Collects emitted blocks, checking that each block's CID really is the hash of its bytes.
final class BlockCollector {
    private(set) var blocks: [IPFSBlock] = []

    func sink(_ block: IPFSBlock) {
        precondition(block.cid.matches(block.bytes), "emitted block does not hash to its CID")
        blocks.append(block)
    }

    /// Blocks by CID, for walking a DAG.
    var byCID: [CID: [UInt8]] {
        var map: [CID: [UInt8]] = [:]
        for block in blocks {
            map[block.cid] = block.bytes
        }
        return map
    }
}

/// Decodes a hex string written in tests; a bad literal is a test bug.
func hex(_ text: String) -> [UInt8] {
    do {
        return try Base16.decode(text)
    } catch {
        preconditionFailure("bad hex literal in test: \(error)")
    }
}

/// Imports an in-memory file with no interest in its blocks.
func cidOfFile(_ bytes: [UInt8], options: UnixFSImportOptions = UnixFSImportOptions()) -> ImportedNode {
    UnixFSImporter.importFile(bytes, options: options) { _ in }
}

extension Array where Element == UInt8 {
    /// The UTF-8 bytes of a string literal.
    init(utf8 text: String) {
        self = Array(text.utf8)
    }
}

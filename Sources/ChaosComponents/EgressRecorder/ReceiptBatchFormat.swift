import ChaosIPFS
import Crypto

/// The journal's on-disk format, as the retrieval server's: a CARv1 file (the 18-byte header with no roots, then one
/// section per receipt: a varint length, the receipt's CID, its bytes), named by the CID of the whole file
/// (multicodec `car`, sha256).
public enum ReceiptBatchFormat {
    /// `varint(17)` then DAG-CBOR `{"roots": [], "version": 1}`.
    public static let header: [UInt8] =
        [0x11, 0xA2, 0x65] + Array("roots".utf8) + [0x80, 0x67] + Array("version".utf8) + [0x01]

    /// The three pieces of one section, in the order a writer appends them: length, CID, receipt.
    public static func sectionPieces(_ receipt: [UInt8]) -> [[UInt8]] {
        let cid = CID(version: .v1, codec: .raw, hashing: receipt).bytes
        return [UnsignedVarint.encoded(UInt64(cid.count + receipt.count)), cid, receipt]
    }

    /// One section as one piece.
    public static func section(_ receipt: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        appendSection(receipt, to: &bytes)
        return bytes
    }

    /// The most bytes a section adds to its receipt: a varint of at most 10 bytes and a 36-byte CIDv1 raw sha256.
    public static let maxSectionOverhead = 10 + 36

    /// Appends one section to `bytes` (a flattening `joined()` copies element by element; this copies slices). It
    /// reserves nothing itself: an exact reserve per section would defeat the array's geometric growth in a loop.
    public static func appendSection(_ receipt: [UInt8], to bytes: inout [UInt8]) {
        let cid = CID(version: .v1, codec: .raw, hashing: receipt).bytes
        let length = UnsignedVarint.encoded(UInt64(cid.count + receipt.count))
        bytes.append(contentsOf: length)
        bytes.append(contentsOf: cid)
        bytes.append(contentsOf: receipt)
    }

    /// The name of a batch with these bytes: CIDv1, codec `car`, sha256 of the file.
    public static func batchCID(of bytes: some Collection<UInt8>) -> String {
        CID(version: .v1, codec: .car, multihash: Multihash(sha256Of: bytes)).description
    }

    /// The batch CID of a running sha256, as a writer that hashes what it appends names its file.
    public static func batchCID(of hash: SHA256) -> String {
        CID(version: .v1, codec: .car, multihash: Multihash(sha256Digest: Array(hash.finalize()))).description
    }

    /// What a file of this format holds.
    public struct Parsed: Sendable, Equatable {
        /// The receipts of the complete, well-formed sections, in order.
        public var receipts: [[UInt8]]
        /// The length of the header and those sections: where a writer that repairs the file truncates it.
        public var validLength: Int
        /// Why the rest of the file does not parse (a torn or corrupt section, a bad header); nil when it all does.
        public var damage: String?
    }

    /// Where a file's receipts lie, without copying them out.
    public struct Sections: Sendable, Equatable {
        /// The byte ranges of the receipts of the complete, well-formed sections, in order.
        public var receipts: [Range<Int>]
        /// The length of the header and those sections.
        public var validLength: Int
        /// Why the rest of the file does not parse; nil when it all does.
        public var damage: String?
    }

    /// Parses a journal or batch file, stopping at the first section that is torn or whose CID does not match.
    public static func parse(_ bytes: [UInt8]) -> Parsed {
        let sections = sections(of: bytes, checkingCIDs: true)
        return Parsed(
            receipts: sections.receipts.map { Array(bytes[$0]) }, validLength: sections.validLength,
            damage: sections.damage)
    }

    /// The sections of a journal or batch file, stopping at the first torn one. With `checkingCIDs` it also stops at
    /// the first whose CID is not its receipt's; without, the section CIDs are not hashed: a reader that has checked
    /// the whole file against its batch CID (the tracker) knows the bytes are the ones the writer hashed.
    public static func sections(of bytes: [UInt8], checkingCIDs: Bool) -> Sections {
        guard bytes.starts(with: header) else {
            return Sections(receipts: [], validLength: 0, damage: bytes.isEmpty ? "empty file" : "not a CARv1 header")
        }
        var receipts: [Range<Int>] = []
        var offset = header.count
        while offset < bytes.count {
            var cursor = offset
            guard let length = try? UnsignedVarint.decode(bytes, at: &cursor), length >= 36,
                  length <= UInt64(bytes.count - cursor)
            else { return Sections(receipts: receipts, validLength: offset, damage: "torn section at byte \(offset)") }
            let receipt = cursor + 36..<cursor + Int(length)
            if checkingCIDs {
                let cid = CID(version: .v1, codec: .raw, hashing: bytes[receipt])
                guard bytes[cursor..<cursor + 36].elementsEqual(cid.bytes) else {
                    return Sections(receipts: receipts, validLength: offset, damage: "CID mismatch at byte \(offset)")
                }
            }
            receipts.append(receipt)
            offset = receipt.upperBound
        }
        return Sections(receipts: receipts, validLength: offset, damage: nil)
    }
}

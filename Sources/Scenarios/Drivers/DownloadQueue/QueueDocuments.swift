import ChaosNet

/// The download queue's fixtures: the documents it will fetch, published on the registry once per runner, in
/// enqueue order, with whether each is valid JSON.
public struct QueueDocuments: Sendable {
    public private(set) var documents: [(cid: String, valid: Bool)] = []

    init(config: QueueConfig, store: IPFSBlockStore, scenario: String) throws(ScenarioRunError) {
        let random = SeededRandom(seed: 0, name: "queue.documents")
        let kinds = Array(repeating: true, count: config.documentCount)
            + Array(repeating: false, count: config.invalidDocumentCount)
        for (index, valid) in kinds.enumerated() {
            let bytes = valid
                ? Self.validDocument(index: index, byteCount: config.documentByteCount, random: random)
                : Array("<html><body>502 Bad Gateway: document \(index)</body></html>".utf8)
            do {
                let node = try store.add(file: bytes)
                documents.append((node.cid.description, valid))
            } catch {
                throw ScenarioRunError(scenario: scenario, message: "queue document \(index): \(error)")
            }
        }
    }

    /// A JSON object of about `byteCount` bytes: an index and a hex payload, so that every document has its own CID.
    static func validDocument(index: Int, byteCount: Int, random: SeededRandom) -> [UInt8] {
        let prefix = "{\"document\": \(index), \"payload\": \""
        let suffix = "\"}"
        let hexCount = max(0, byteCount - prefix.utf8.count - suffix.utf8.count)
        let digits = Array("0123456789abcdef".utf8)
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(byteCount)
        for _ in 0..<hexCount { bytes.append(digits[Int(random.uniform(below: 16))]) }
        bytes += Array(suffix.utf8)
        return bytes
    }
}

import ChaosComponents
import ChaosCore

/// What the node's journal directory holds at the end of a seed: the rotated batches and the journal, parsed.
struct EgressDiskState {
    struct Batch {
        var cid: String
        var parsed: ReceiptBatchFormat.Parsed
        /// Whether the file's sha256 is the CID it is named by.
        var nameMatches: Bool
    }

    var batches: [Batch] = []
    var journal: ReceiptBatchFormat.Parsed?

    /// Receipts by invocation id, over the journal and every batch not in `consolidated` (a batch the tracker
    /// consolidated and the node kept holds the same receipts, not new ones).
    func receiptCounts(excluding consolidated: [String: Int]) -> [String: Int] {
        var counts: [String: Int] = [:]
        let kept = batches.filter { consolidated[$0.cid] == nil }
        for receipt in kept.flatMap(\.parsed.receipts) + (journal?.receipts ?? []) {
            if let invocation = Retrieval.invocationID(ofReceipt: receipt[...]) { counts[invocation, default: 0] += 1 }
        }
        return counts
    }

    static func read(_ fileSystem: any FileSystem, directory: String) async -> EgressDiskState {
        var state = EgressDiskState()
        for name in (try? await fileSystem.listDirectory(at: directory)) ?? [] {
            guard let bytes = try? await fileSystem.readFile(at: directory + "/" + name) else { continue }
            if name == "egress.car.wip" {
                state.journal = ReceiptBatchFormat.parse(bytes)
            } else if name.hasPrefix("egress."), name.hasSuffix(".car") {
                let cid = String(name.dropFirst("egress.".count).dropLast(".car".count))
                state.batches.append(Batch(
                    cid: cid, parsed: ReceiptBatchFormat.parse(bytes),
                    nameMatches: ReceiptBatchFormat.batchCID(of: bytes) == cid))
            }
        }
        return state
    }
}

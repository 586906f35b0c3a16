import ChaosComponents
import ChaosNet

/// The download queue's invariants, checked after a run: every entry settled within its limits, no acknowledged entry
/// lost across crashes and restarts, and no completion applied twice.
public enum DownloadQueueInvariants {
    /// The violations found, one sentence each, sorted by hash within each check; empty when all hold. An entry
    /// beyond its limits or not settled breaks `queue_entries_settled`; a lost entry or a completion applied twice
    /// breaks `no_lost_entries`.
    ///
    /// - Parameters:
    ///   - entries: the entries of the queue as reopened at the end (for the robust variant: read back from its store).
    ///   - settings: the settings the queue ran with.
    ///   - acknowledgedHashes: every hash whose `enqueue` returned without error, across all process lifetimes.
    ///   - completedHashes: every completion effect applied, across all lifetimes (`completionsApplied` of each
    ///     queue instance, concatenated).
    ///   - requireSettled: whether every entry must have reached an end state (downloaded, HARD-failed, or SOFT-failed
    ///     with every attempt used); without it, pending entries are allowed (the run stopped early).
    public static func check(
        entries: [DownloadQueueEntry], settings: DownloadQueueSettings, acknowledgedHashes: [String],
        completedHashes: [String], requireSettled: Bool
    ) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        func unsettled(_ message: String) { violations.append(InvariantViolation(.queueEntriesSettled, message)) }
        func lost(_ message: String) { violations.append(InvariantViolation(.noLostEntries, message)) }
        let maxAttempts = settings.downloadMaxAttempts
        for entry in entries.sorted(by: { $0.ipfsFileHash < $1.ipfsFileHash }) {
            let hash = entry.ipfsFileHash
            if entry.downloadAttempts > maxAttempts {
                unsettled(
                    "entry \(hash) has \(entry.downloadAttempts) attempts, more than the \(maxAttempts) allowed")
            }
            switch entry.status {
            case .downloaded:
                if entry.claimId == nil { unsettled("entry \(hash) is downloaded without a claimId") }
            case .failed:
                if entry.failureType == .soft && entry.downloadAttempts < maxAttempts {
                    unsettled(
                        "entry \(hash) was given up after a SOFT failure with \(entry.downloadAttempts) of "
                            + "\(maxAttempts) attempts")
                }
                if entry.failureType == nil || entry.failureReason == nil {
                    unsettled("entry \(hash) failed without a failure type and reason")
                }
            case .pending, .downloading:
                if requireSettled {
                    unsettled(
                        "entry \(hash) is still \(entry.status.rawValue) after \(entry.downloadAttempts) attempts")
                }
            }
        }
        var stored: Set<String> = []
        for entry in entries { stored.insert(entry.ipfsFileHash) }
        for hash in Set(acknowledgedHashes).subtracting(stored).sorted() {
            lost("entry \(hash) was acknowledged but is lost")
        }
        var completions: [String: Int] = [:]
        for hash in completedHashes { completions[hash, default: 0] += 1 }
        for hash in completions.keys.sorted() where completions[hash]! > 1 {
            lost("entry \(hash) was completed \(completions[hash]!) times")
        }
        return violations
    }
}

extension DownloadQueueInvariants {
    /// Violations of `no_lost_entries` on disk: an entry the store calls downloaded whose claim (under
    /// `claimsDirectory`) is missing or is not the claim its `claimId` names, as a completion that a crash undid
    /// would leave it.
    public static func checkClaims(
        entries: [DownloadQueueEntry], fileSystem: any FileSystem, claimsDirectory: String = "/claims"
    ) async -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for entry in entries.sorted(by: { $0.ipfsFileHash < $1.ipfsFileHash }) where entry.status == .downloaded {
            let hash = entry.ipfsFileHash
            let path = FileSystemPath.joining(claimsDirectory, hash)
            guard let bytes = try? await fileSystem.readFile(at: path) else {
                violations.append(InvariantViolation(.noLostEntries, "entry \(hash) is downloaded but \(path) is gone"))
                continue
            }
            let claimId = DownloadQueueState.claimId(of: bytes, hash: hash)
            if claimId != entry.claimId {
                violations.append(InvariantViolation(
                    .noLostEntries,
                    "entry \(hash) is downloaded with claim \(entry.claimId ?? "none") but \(path) holds claim "
                        + claimId))
            }
        }
        return violations
    }
}

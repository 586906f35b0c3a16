/// The download queue's file format: a header line, then one line per entry in enqueue order, fields separated by
/// single spaces, `-` for an absent field:
///
/// ```
/// chaosnet-download-queue 1
/// <ipfsFileHash> <status> <downloadAttempts> <lastDownloadAttemptTime ns|-> <failureType|-> <failureReason|->
///     <claimId|->      (all on one line)
/// ```
///
/// Hashes are restricted (`isValidHash`) and reasons are the queue's own constants, so no field holds a space.
public enum DownloadQueueCodec {
    public static let header = "chaosnet-download-queue 1"
    /// The longest hash accepted (CIDv1 strings are about 60 characters).
    public static let hashLengthMax = 128

    /// Whether `hash` can be stored and used as a file name: 1 to `hashLengthMax` ASCII letters, digits, `-`, `_`.
    public static func isValidHash(_ hash: String) -> Bool {
        let utf8 = hash.utf8
        guard !utf8.isEmpty, utf8.count <= hashLengthMax else { return false }
        return utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
    }

    public static func encode(_ entries: [DownloadQueueEntry]) -> [UInt8] {
        var text = header + "\n"
        for entry in entries {
            let fields = [
                entry.ipfsFileHash, entry.status.rawValue, String(entry.downloadAttempts),
                entry.lastDownloadAttemptTime.map { String($0.nanosecondsForStore) } ?? "-",
                entry.failureType?.rawValue ?? "-", entry.failureReason ?? "-", entry.claimId ?? "-",
            ]
            text += fields.joined(separator: " ") + "\n"
        }
        return Array(text.utf8)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(DownloadQueueError) -> [DownloadQueueEntry] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else {
            throw .corruptStore(path: path, line: 1, reason: "expected the header \"\(header)\"")
        }
        guard lines.last == "" else { throw .corruptStore(path: path, line: lines.count, reason: "truncated line") }
        var entries: [DownloadQueueEntry] = []
        var seen: Set<String> = []
        for (offset, line) in lines.dropFirst().dropLast().enumerated() {
            let number = offset + 2
            func fail(_ reason: String) -> DownloadQueueError {
                .corruptStore(path: path, line: number, reason: reason)
            }
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7 else { throw fail("expected 7 fields, found \(fields.count)") }
            guard isValidHash(fields[0]), seen.insert(fields[0]).inserted else { throw fail("bad or repeated hash") }
            guard let status = DownloadQueueEntry.Status(rawValue: fields[1]) else { throw fail("bad status") }
            guard let attempts = Int(fields[2]), attempts >= 0 else { throw fail("bad attempt count") }
            var last: Duration?
            if fields[3] != "-" {
                guard let nanoseconds = Int64(fields[3]) else { throw fail("bad attempt time") }
                last = .nanoseconds(nanoseconds)
            }
            var type: DownloadFailureType?
            if fields[4] != "-" {
                guard let parsed = DownloadFailureType(rawValue: fields[4]) else { throw fail("bad failure type") }
                type = parsed
            }
            entries.append(
                DownloadQueueEntry(
                    ipfsFileHash: fields[0], lastDownloadAttemptTime: last, downloadAttempts: attempts,
                    failureType: type, failureReason: fields[5] == "-" ? nil : fields[5],
                    claimId: fields[6] == "-" ? nil : fields[6], status: status))
        }
        return entries
    }
}

extension Duration {
    /// Whole nanoseconds, as the store writes them (queue times stay far below Int64's ±292 years).
    fileprivate var nanosecondsForStore: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

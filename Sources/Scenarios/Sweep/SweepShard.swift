/// One of `count` disjoint slices of a sweep, `index` counting from 1, so that a CI matrix of `count` jobs covers
/// every seed exactly once (as FoundationDB spreads its simulation seeds over a cluster). Seed offsets are dealt
/// round-robin — offset o of every variant belongs to shard (o mod count) + 1 — so each shard gets a like share of
/// every variant and of whatever fault phases the seeds start in; a failed seed's reruns stay on the shard that ran
/// it, and the held-out seeds that validate a policy are dealt the same way.
public struct SweepShard: Codable, Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The whole sweep: one shard of one.
    public static let whole = SweepShard(index: 1, count: 1)

    /// The most shards a sweep may be cut into.
    public static let countMax = 10_000

    public init(index: Int, count: Int) {
        precondition(
            (1...Self.countMax).contains(count) && (1...count).contains(index), "a shard is K of N, 1 ≤ K ≤ N")
        self.index = index
        self.count = count
    }

    public var isWhole: Bool { count == 1 }

    /// Whether the seed at `offset` from the first seed (of the sweep, or of the held-out range) is this shard's.
    public func contains(offset: UInt64) -> Bool { offset % UInt64(count) == UInt64(index - 1) }

    /// "K/N".
    public var description: String { "\(index)/\(count)" }

    /// Reads "K/N"; nil with the reason when the text is not one.
    public static func parse(_ text: String) -> Result<SweepShard, ParseError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            return .failure(ParseError(message: "expected K/N, as 2/3, got '\(text)'"))
        }
        guard (1...countMax).contains(count) else {
            return .failure(ParseError(message: "the shard count must be between 1 and \(countMax), got \(count)"))
        }
        guard (1...count).contains(index) else {
            return .failure(ParseError(message: "the shard index must be between 1 and \(count), got \(index)"))
        }
        return .success(SweepShard(index: index, count: count))
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) {
            self.message = message
        }
    }
}

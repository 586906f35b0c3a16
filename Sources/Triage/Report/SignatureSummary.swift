/// All failures of one signature in a sweep: how often it happened, on which seeds, and how to replay it.
public struct SignatureSummary: Codable, Sendable, Equatable {
    /// The signature, e.g. `damaging:service.partial_directory`.
    public var id: String
    public var summary: String
    public var kind: FailureKind
    public var count: Int
    /// Every seed that failed with this signature, ascending.
    public var seeds: [UInt64]
    /// How to replay the first seed, as the sweep's `ReplayFormatter` words it (chaos-run:
    /// `chaos-run replay s.yaml --seed 7 --variant robust`).
    public var replay: String

    public init(id: String, summary: String, kind: FailureKind, count: Int, seeds: [UInt64], replay: String) {
        self.id = id
        self.summary = summary
        self.kind = kind
        self.count = count
        self.seeds = seeds
        self.replay = replay
    }

    /// Groups the failed records by signature, in report order: most severe kind first (crash, violation, damaging,
    /// hang, timeout, transient), then most frequent, then by id, so the output never depends on record order.
    ///
    /// The summary is the lowest seed's (summaries are meant to be stable across seeds). Should one signature arrive
    /// with different kinds, the most severe wins: treating it as the milder kind could let a rerun hide it.
    public static func group(
        _ records: [SeedRecord], file: String, variant: String, replay: ReplayFormatter
    ) -> [SignatureSummary] {
        var bySignature: [String: [(seed: UInt64, failure: SeedFailure)]] = [:]
        for record in records {
            guard let failure = record.failure else { continue }
            bySignature[failure.signature, default: []].append((record.seed, failure))
        }
        let summaries = bySignature.map { id, failures in
            let sorted = failures.sorted { $0.seed < $1.seed }
            let seeds = sorted.map(\.seed)
            return SignatureSummary(
                id: id, summary: sorted[0].failure.summary, kind: sorted.map(\.failure.kind).max()!,
                count: sorted.count, seeds: seeds,
                replay: replay.instruction(file: file, seed: seeds[0], variant: variant)
            )
        }
        return summaries.sorted(by: reportOrder)
    }

    /// Most severe kind first, then highest count, then id.
    static func reportOrder(_ lhs: SignatureSummary, _ rhs: SignatureSummary) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind > rhs.kind }
        if lhs.count != rhs.count { return lhs.count > rhs.count }
        return lhs.id < rhs.id
    }
}

/// How one seed failed. The signature groups failures with the same cause across seeds; the detail keeps what was
/// particular to this seed, so that a report can show both the pattern and an instance of it.
public struct SeedFailure: Codable, Sendable, Equatable {
    public var kind: FailureKind
    /// A stable, normalized id, the same across seeds for the same cause, e.g. `damaging:service.partial_directory`.
    public var signature: String
    /// One line for people describing the signature; stable across seeds.
    public var summary: String
    /// This seed's specifics (paths, ids, timings); may differ from seed to seed.
    public var detail: String

    public init(kind: FailureKind, signature: String, summary: String, detail: String = "") {
        self.kind = kind
        self.signature = signature
        self.summary = summary
        self.detail = detail
    }
}

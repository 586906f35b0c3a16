/// The outcome of one seed. This is also the JSON-lines format worker processes send to the parent, so its keys are
/// stable snake_case and `failure` is simply absent (or null) for a seed that passed.
public struct SeedRecord: Codable, Sendable, Equatable {
    public var seed: UInt64
    /// Nil when the seed passed.
    public var failure: SeedFailure?
    /// Virtual time the seed's simulation covered.
    public var virtualSeconds: Double
    /// The trace digest, in hex: the same seed and build must give the same digest.
    public var digest: String

    public var passed: Bool { failure == nil }

    public init(seed: UInt64, failure: SeedFailure? = nil, virtualSeconds: Double = 0, digest: String = "") {
        self.seed = seed
        self.failure = failure
        self.virtualSeconds = virtualSeconds
        self.digest = digest
    }

    enum CodingKeys: String, CodingKey {
        case seed, failure, digest
        case virtualSeconds = "virtual_seconds"
    }
}

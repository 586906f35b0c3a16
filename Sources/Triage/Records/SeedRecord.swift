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
    /// What the driver measured in this seed (absent from the JSON when empty).
    public var figures: SeedFigures

    public var passed: Bool { failure == nil }

    public init(
        seed: UInt64, failure: SeedFailure? = nil, virtualSeconds: Double = 0, digest: String = "",
        figures: SeedFigures = SeedFigures()
    ) {
        self.seed = seed
        self.failure = failure
        self.virtualSeconds = virtualSeconds
        self.digest = digest
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey {
        case seed, failure, digest, figures
        case virtualSeconds = "virtual_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(UInt64.self, forKey: .seed)
        failure = try container.decodeIfPresent(SeedFailure.self, forKey: .failure)
        virtualSeconds = try container.decode(Double.self, forKey: .virtualSeconds)
        digest = try container.decode(String.self, forKey: .digest)
        figures = try container.decodeIfPresent(SeedFigures.self, forKey: .figures) ?? SeedFigures()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encodeIfPresent(failure, forKey: .failure)
        try container.encode(virtualSeconds, forKey: .virtualSeconds)
        try container.encode(digest, forKey: .digest)
        if !figures.isEmpty { try container.encode(figures, forKey: .figures) }
    }
}

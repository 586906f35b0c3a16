/// Why a seed cannot be shrunk.
public enum ShrinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The seed passes with the scenario's own plan: there is no failure to keep.
    case seedPasses(seed: UInt64, variant: VariantName)
    /// The budget does not allow even the replay of the original plan.
    case noReplays

    public var description: String {
        switch self {
        case let .seedPasses(seed, variant):
            "seed \(seed) (\(variant)) passes: there is no failure to shrink"
        case .noReplays:
            "the replay budget must allow at least one replay, of the original plan"
        }
    }
}

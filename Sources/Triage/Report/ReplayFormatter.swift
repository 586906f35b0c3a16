/// How a report tells its reader to replay one seed: given by whoever ran the sweep (chaos-run and a user's own
/// runner print their own command; a Swift test may print a Swift call), so that Triage never assumes a tool's flags.
public struct ReplayFormatter: Sendable {
    private let format: @Sendable (_ file: String, _ seed: UInt64, _ variant: String) -> String

    /// A formatter from `format(file, seed, variant)`.
    public init(_ format: @escaping @Sendable (_ file: String, _ seed: UInt64, _ variant: String) -> String) {
        self.format = format
    }

    /// The instruction that replays `seed` of `variant` of the scenario file `file`.
    public func instruction(file: String, seed: UInt64, variant: String) -> String {
        format(file, seed, variant)
    }
}

import ArgumentParser

/// The bench commands' check of a numeric option, with one wording for all of them.
enum BenchOption {
    /// Throws a usage error naming `flag`, `range` and the `value` given, unless `range` holds it.
    static func check(_ flag: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be in \(range.lowerBound)...\(range.upperBound), got \(value).")
        }
    }
}

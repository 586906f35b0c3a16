/// The error texts a real client shows for one ChaosNet failure signature (or a family of them), as regular
/// expressions in Python's `re` syntax: pytest-rerunfailures `re.search`es each `only_rerun` pattern in the
/// `Type: message` text of every exception in the failing test's chain, which never contains a ChaosNet signature id,
/// so an exported marker can only select the transient failures through patterns like these.
///
/// `signature` is a signature id where `*` stands for any run of characters (`transient:service-manager:503:*`).
public struct RealErrorPattern: Codable, Sendable, Equatable {
    public var signature: String
    public var patterns: [String]

    public init(signature: String, patterns: [String]) {
        self.signature = signature
        self.patterns = patterns
    }

    /// Whether `id` is one of the signatures this entry names.
    public func matches(_ id: String) -> Bool {
        Self.glob(Array(signature), matches: Array(id))
    }

    /// The patterns of every entry naming one of `ids` (in entry order, without repeats), and the ids no entry names.
    /// A policy may restrict its reruns to the patterns only when `unmapped` is empty: otherwise the reruns would
    /// skip failures of the unmapped signatures that the rates count.
    public static func resolve(
        _ ids: [String], in entries: [RealErrorPattern]
    ) -> (patterns: [String], unmapped: [String]) {
        var patterns: [String] = []
        var unmapped: [String] = []
        for id in ids {
            let naming = entries.filter { $0.matches(id) }
            if naming.isEmpty { unmapped.append(id) }
            for pattern in naming.flatMap(\.patterns) where !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return (patterns, unmapped)
    }

    /// `*` matches any run of characters, everything else itself; iterative, with one backtracking point per star.
    private static func glob(_ pattern: [Character], matches text: [Character]) -> Bool {
        var p = 0, t = 0
        var star: Int?, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// "Did you mean …?" for misspelt keys and names: a scenario file's typo should cost a glance, not a trip to the
/// README.
public enum SpellingSuggestion {
    /// The candidate closest to `word` within an edit distance of 2 (the first such in `candidates` on a tie).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// "; did you mean 'x'?" when a candidate is close, otherwise "; \(listLabel): a, b, c".
    public static func hint(for word: String, among candidates: [String], listLabel: String) -> String {
        if let suggestion = closest(to: word, among: candidates) { return "; did you mean '\(suggestion)'?" }
        return "; \(listLabel): \(candidates.joined(separator: ", "))"
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A `rerun` policy in the forms CI tools read: a pytest-rerunfailures marker for one test, the plugin's ini options
/// for a whole suite, and a cargo-nextest retry profile. All are nil unless the action is `rerun`.
extension RerunPolicy {
    /// e.g. `@pytest.mark.flaky(reruns=2, reruns_delay=30, only_rerun=["^ReadTimeoutError: "])`; the patterns are
    /// Python string literals, so a regex's `\.` is written `\\.`.
    public var pytestMarker: String? {
        guard action == .rerun else { return nil }
        var arguments = ["reruns=\(reruns)", "reruns_delay=\(Self.format(delaySeconds))"]
        if !onlyRerun.isEmpty {
            arguments.append("only_rerun=[" + onlyRerun.map { "\"\(Self.escape($0))\"" }.joined(separator: ", ") + "]")
        }
        return "@pytest.mark.flaky(" + arguments.joined(separator: ", ") + ")"
    }

    /// The `[pytest]` section of a pytest.ini with the plugin's ini options `reruns`, `reruns_delay` and
    /// `only_rerun` (a "linelist": one pattern per indented line). It applies to every test of the suite, unlike the
    /// marker. Nil too when a pattern cannot survive ini parsing, which strips each line and reads a line starting
    /// with `#` or `;` as a comment: a silently changed pattern would rerun other failures than the marker does.
    public var pytestIni: String? {
        guard action == .rerun else { return nil }
        var lines = ["[pytest]", "reruns = \(reruns)", "reruns_delay = \(Self.format(delaySeconds))"]
        if !onlyRerun.isEmpty {
            let survives = onlyRerun.allSatisfy { pattern in
                pattern == pattern.trimmingWhitespace && !pattern.contains("\n") && !pattern.hasPrefix("#")
                    && !pattern.hasPrefix(";") && !pattern.isEmpty
            }
            guard survives else { return nil }
            lines.append("only_rerun =")
            lines += onlyRerun.map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// A `.config/nextest.toml` profile, e.g. `[profile.ci]` then
    /// `retries = { backoff = "fixed", count = 2, delay = "30s" }`. nextest retries every failure of a test: it has
    /// no `only_rerun`, so the profile suits suites whose failures are all the transient ones.
    public var nextestProfile: String? {
        guard action == .rerun else { return nil }
        let delay = delaySeconds == delaySeconds.rounded()
            ? "\(Int(delaySeconds))s" : "\(Int((delaySeconds * 1000).rounded()))ms"
        return "[profile.ci]\nretries = { backoff = \"fixed\", count = \(reruns), delay = \"\(delay)\" }"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func escape(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (what ini parsers strip), without Foundation.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

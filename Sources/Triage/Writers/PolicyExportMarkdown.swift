/// The suite-wide forms of a `rerun` policy for report.md (the marker has its own line): pytest.ini options and a
/// nextest profile, each in a fenced block so that it can be copied as it is.
enum PolicyExportMarkdown {
    static func lines(_ policy: ScenarioReport.Policy) -> [String] {
        var lines: [String] = []
        if let ini = policy.pytestIni {
            lines += ["- pytest.ini (applies to every test of the suite, unlike the marker):", ""]
            lines += block(ini, language: "ini")
        }
        if let profile = policy.nextestProfile {
            lines += ["- nextest (`.config/nextest.toml`; nextest reruns every failure, it has no only_rerun):", ""]
            lines += block(profile, language: "toml")
        }
        return lines
    }

    /// Indented by two spaces, so that the block belongs to its list item.
    private static func block(_ text: String, language: String) -> [String] {
        ["  ```\(language)"] + text.split(separator: "\n").map { "  " + $0 } + ["  ```", ""]
    }
}

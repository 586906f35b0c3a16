import Testing
@testable import Triage

/// Triage's `only_rerun` patterns: the failures' own types, unqualified, escaped for Python's `re`, anchored.
struct RerunPatternTests {
    static func signature(_ type: String) -> FailureSignature {
        FailureSignature(outcome: .failed, type: type, message: "", count: 1, example: "", firstSeen: "a.xml:1")
    }

    @Test("qualified types lose their module, metacharacters are escaped, and each pattern is anchored")
    func escapedAndAnchored() {
        let patterns = HistoryRerunPolicy.rerunPatterns([
            Self.signature("urllib3.exceptions.ReadTimeoutError"),
            Self.signature("requests.exceptions.ConnectionError"), Self.signature("Outer$Inner"),
            Self.signature("ReadTimeoutError"),
        ])
        #expect(patterns == [#"^ConnectionError:"#, #"^Outer\$Inner:"#, #"^ReadTimeoutError:"#])
    }

    @Test("a failure without a type leaves only_rerun out, since restricting reruns would skip it")
    func untyped() {
        #expect(HistoryRerunPolicy.rerunPatterns([Self.signature("ValueError"), Self.signature("")]) == nil)
    }

    @Test("PythonRegex escapes exactly the characters special outside a character class")
    func pythonEscape() {
        #expect(PythonRegex.escape(#"a.b*c+d?e(f)g[h]i{j}k|l^m$n\o-p q"#)
            == #"a\.b\*c\+d\?e\(f\)g\[h\]i\{j\}k\|l\^m\$n\\o-p q"#)
    }
}

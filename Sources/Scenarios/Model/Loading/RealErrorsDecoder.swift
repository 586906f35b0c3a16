import Foundation
import Triage

/// Reads `rerun.real_errors`: a mapping from a transient signature of the workload's component (`*` for any run of
/// characters) to the regexes of what a real client shows for it, the exported `only_rerun` patterns.
///
/// Every check is one a wrong entry would otherwise fail silently in CI: a key that is not transient names failures
/// that are never rerun, another component's key never matches, a pattern Python cannot compile makes pytest refuse
/// the marker, and one that pytest.ini would change (stripped, or read as a comment) reruns other failures.
enum RealErrorsDecoder {
    static func decode(_ node: LocatedNode, component: String) throws(ScenarioFileError) -> [RealErrorPattern] {
        let mapping = try node.mapping("real_errors", allowedKeys: nil)
        var entries: [RealErrorPattern] = []
        for entry in mapping.entries {
            try checkKey(entry.key, at: entry.keyNode, component: component)
            let items = try entry.value.list(itemLabel: "pattern of '\(entry.key)'")
            guard !items.isEmpty else { throw entry.value.error("'\(entry.key)' must list at least one pattern") }
            var patterns: [String] = []
            for item in items {
                let pattern = try item.string()
                try checkPattern(pattern, at: item)
                guard !patterns.contains(pattern) else { throw item.error("duplicate pattern '\(pattern)'") }
                patterns.append(pattern)
            }
            entries.append(RealErrorPattern(signature: entry.key, patterns: patterns))
        }
        return entries
    }

    private static func checkKey(
        _ key: String, at node: LocatedNode, component: String
    ) throws(ScenarioFileError) {
        let prefix = "transient:\(component):"
        guard key.hasPrefix("transient:") else {
            throw node.error("real_errors key '\(key)' must name a transient signature ('\(prefix)…'): only "
                + "transient failures are rerun")
        }
        // A star before the component could match other components' signatures too; one after it is a family.
        guard key.hasPrefix(prefix), key.count > prefix.count else {
            throw node.error("real_errors key '\(key)' must start with '\(prefix)' and name a cause after it: the "
                + "workload's component is '\(component)'")
        }
    }

    private static func checkPattern(_ pattern: String, at node: LocatedNode) throws(ScenarioFileError) {
        if pattern.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw node.error("pattern '\(pattern)' contains a control character; write it as \\n, \\t or \\xNN")
        }
        if pattern.trimmingCharacters(in: .whitespaces) != pattern {
            throw node.error("pattern '\(pattern)' starts or ends with a space, which pytest.ini strips; "
                + "write [ ] or \\s instead")
        }
        if pattern.hasPrefix("#") || pattern.hasPrefix(";") {
            throw node.error("pattern '\(pattern)' starts with '\(pattern.prefix(1))', which pytest.ini reads as a "
                + "comment; write \\\(pattern.prefix(1)) instead")
        }
        // ICU's syntax, which agrees with Python's `re` for what error patterns need; Python's `(?P<name>…)` groups
        // are refused here, so write plain groups.
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw node.error("pattern '\(pattern)' is not a valid regular expression")
        }
    }
}

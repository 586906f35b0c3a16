import Yams

/// A YAML mapping of a scenario file, read key by key: string keys only, unknown keys refused with a suggestion,
/// missing required keys reported at the mapping.
public struct LocatedMapping {
    public struct Entry {
        public var key: String
        public var keyNode: LocatedNode
        public var value: LocatedNode
    }

    public let node: LocatedNode
    /// What the mapping is ("link", "fault 'registry-load'", "the top level"), for messages.
    public let context: String
    public let entries: [Entry]

    init(_ node: LocatedNode, context: String) throws(ScenarioFileError) {
        guard case let .mapping(mapping) = node.node else {
            throw node.error("expected a mapping for \(context), got \(node.summary)")
        }
        var entries: [Entry] = []
        for (key, value) in mapping {
            let keyNode = node.child(key, label: "key")
            guard case let .scalar(scalar) = key, !keyNode.isNull else {
                throw keyNode.error("expected a key name in \(context), got \(keyNode.summary)")
            }
            // Yams reports duplicate keys; this covers keys that differ only in how YAML resolves them ("1", 1).
            if entries.contains(where: { $0.key == scalar.string }) {
                throw keyNode.error("duplicate key '\(scalar.string)' in \(context)")
            }
            let valueNode = keyNode.child(value, label: scalar.string)
            entries.append(Entry(key: scalar.string, keyNode: keyNode, value: valueNode))
        }
        self.node = node
        self.context = context
        self.entries = entries
    }

    /// Refuses the first key not in `allowed`, suggesting the closest allowed key or listing them all.
    public func rejectUnknownKeys(allowed: [String]) throws(ScenarioFileError) {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = SpellingSuggestion.hint(for: entry.key, among: allowed, listLabel: "allowed keys")
            throw entry.keyNode.error("unknown key '\(entry.key)' in \(context)\(hint)")
        }
    }

    /// The value of `key`, nil when the key is absent or has an empty value.
    public func value(_ key: String) -> LocatedNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    public func required(_ key: String) throws(ScenarioFileError) -> LocatedNode {
        guard let entry = entries.first(where: { $0.key == key }) else {
            throw node.error("missing required key '\(key)' in \(context)")
        }
        guard !entry.value.isNull else { throw entry.value.error("'\(key)' in \(context) needs a value") }
        return entry.value
    }
}

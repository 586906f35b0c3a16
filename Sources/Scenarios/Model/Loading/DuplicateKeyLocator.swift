import Yams

/// Finds the second occurrence of a duplicated mapping key.
///
/// Yams rejects duplicate keys itself but reports the first occurrence, while the mistake is usually the later
/// one (a key added without noticing it was already there). This renames the first occurrence to a placeholder of
/// the same length, composes the text again, and returns the position of the same-named key beside the placeholder.
enum DuplicateKeyLocator {
    static func secondOccurrence(of key: String, firstAt first: TextPosition, in text: String) -> TextPosition? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.indices.contains(first.line - 1), !key.isEmpty else { return nil }
        var scalars = Array(lines[first.line - 1].unicodeScalars)
        var start = first.column - 1
        guard scalars.indices.contains(start) else { return nil }
        if scalars[start] == "\"" || scalars[start] == "'" { start += 1 }
        let keyScalars = Array(key.unicodeScalars)
        guard start + keyScalars.count <= scalars.count,
              Array(scalars[start..<(start + keyScalars.count)]) == keyScalars
        else { return nil }
        let placeholder = String(repeating: "§", count: keyScalars.count)
        scalars.replaceSubrange(start..<(start + keyScalars.count), with: placeholder.unicodeScalars)
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars)
        lines[first.line - 1] = String(line)
        guard let root = try? Yams.compose(yaml: lines.joined(separator: "\n")) else { return nil }
        return find(key, besidePlaceholder: placeholder, in: root)
    }

    private static func find(_ key: String, besidePlaceholder placeholder: String, in node: Node) -> TextPosition? {
        switch node {
        case let .mapping(mapping):
            if mapping.keys.contains(where: { $0.scalar?.string == placeholder }) {
                return mapping.keys.first { $0.scalar?.string == key }?.mark.map(TextPosition.init)
            }
            for (childKey, value) in mapping {
                if let found = find(key, besidePlaceholder: placeholder, in: childKey)
                    ?? find(key, besidePlaceholder: placeholder, in: value) {
                    return found
                }
            }
            return nil
        case let .sequence(sequence):
            for item in sequence {
                if let found = find(key, besidePlaceholder: placeholder, in: item) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}

/// Literal text as a Python `re` pattern, for `only_rerun`.
enum PythonRegex {
    /// Python's `re.escape` escapes every non-word character; these are the only ones special outside a character
    /// class (the patterns are not compiled with `re.VERBOSE`), so the rest stays readable in a marker.
    static let special: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    static func escape(_ text: String) -> String {
        text.map { special.contains($0) ? "\\\($0)" : String($0) }.joined()
    }
}

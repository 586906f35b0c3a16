/// Why a byte stream is not a document the tokenizer accepts, and on which line: `expected` completes the sentence
/// "expected …", so a refusal reads `path:line: expected an element name after '<'`.
public struct XMLSyntaxError: Error, Sendable, Equatable {
    /// 1-based line of the offending token (of its `<` for markup).
    public var line: Int
    /// What was expected there, and what was found instead when that helps.
    public var expected: String

    public init(line: Int, expected: String) {
        self.line = line
        self.expected = expected
    }
}

/// One piece of a document, as the tokenizer hands it over. Comments, processing instructions and the XML
/// declaration never appear: nothing in JUnit needs them.
public enum XMLToken: Sendable, Equatable {
    /// `<name a="v">` or, with `isEmpty`, `<name a="v"/>` (then no `endElement` follows).
    case startElement(name: String, attributes: [XMLAttribute], isEmpty: Bool, line: Int)
    case endElement(name: String, line: Int)
    /// Character data with references decoded; CDATA sections arrive as text too. `truncated` says bytes were
    /// dropped past `XMLLimits.textBytesKeptMax`.
    case text(String, truncated: Bool, line: Int)
    /// The root element closed and only whitespace, comments or processing instructions followed.
    case endOfDocument(line: Int)
}

/// An attribute with its value decoded (references replaced, whitespace normalised as XML requires).
public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Limits the XML tokenizer enforces, so that a hostile or broken file costs bounded memory: every token it keeps is
/// capped, and running past a cap is either a refusal (names, attributes, depth) or a truncation (text), never growth.
public struct XMLLimits: Sendable, Equatable {
    /// Longest element or attribute name, in bytes. Real JUnit names are short; a longer one means the file is not XML.
    public var nameBytesMax: Int
    /// Longest attribute value, in bytes. Surefire writes stack-trace-sized `message` attributes (9 kB in the corpus),
    /// so this is generous; beyond it the file is refused rather than buffered.
    public var attributeValueBytesMax: Int
    /// Most attributes on one element.
    public var attributeCountMax: Int
    /// Deepest element nesting. Nested suites reach depth 5 or so; a deeper file is refused before its stack grows.
    public var depthMax: Int
    /// Most text kept for one run of character data. Output sections can be megabytes; past this the text is cut and
    /// the token says so, because results need the start of a message, not all of it.
    public var textBytesKeptMax: Int

    public init(
        nameBytesMax: Int = 1_024, attributeValueBytesMax: Int = 1_048_576, attributeCountMax: Int = 256,
        depthMax: Int = 256, textBytesKeptMax: Int = 65_536
    ) {
        self.nameBytesMax = nameBytesMax
        self.attributeValueBytesMax = attributeValueBytesMax
        self.attributeCountMax = attributeCountMax
        self.depthMax = depthMax
        self.textBytesKeptMax = textBytesKeptMax
    }
}

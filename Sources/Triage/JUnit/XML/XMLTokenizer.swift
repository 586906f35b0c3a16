/// A pull tokenizer for the XML that JUnit writers produce, written here rather than taken from FoundationXML so
/// that nothing is ever expanded or fetched, every refusal carries a line, memory stays at one chunk plus the capped
/// token, and the statically linked `chaos-run` needs no libxml2 at run time.
///
/// It checks well-formedness as far as a reader of results needs: one root, matching tags, quoted attributes without
/// `<`, known references only. It refuses every DOCTYPE: JUnit files have none, and a DTD is the only way to declare
/// the entities behind XXE and billion-laughs attacks. UTF-8 and ISO-8859-1 are read; other encodings are refused.
public struct XMLTokenizer {
    public let limits: XMLLimits
    /// When false, character data is still checked but not kept or returned. The JUnit reader turns it off outside
    /// the elements whose text it records, so output sections cost no copying.
    public var keepsText = true

    private var source: XMLByteSource
    private var openElements: [(name: String, line: Int)] = []
    private var hasStarted = false
    private var rootClosedLine: Int?
    private var isLatin1 = false
    private var isFinished = false
    /// A `<` was consumed while reading text; the markup it opens is read on the next call.
    private var markupLine: Int?
    private var textBuffer: [UInt8] = []
    private var textTruncated = false

    /// A tokenizer over bytes in memory.
    public init(bytes: [UInt8], limits: XMLLimits = XMLLimits()) {
        self.source = XMLByteSource(bytes: bytes)
        self.limits = limits
    }

    init(source: XMLByteSource, limits: XMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// The current line (of the next unread byte); refusals outside the tokenizer use it.
    public var line: Int { source.line }

    /// The next token; `endOfDocument` once the root has closed, and again on every later call.
    public mutating func next() throws(XMLSyntaxError) -> XMLToken {
        if isFinished { return .endOfDocument(line: source.line) }
        if !hasStarted { try start() }
        while true {
            if let line = markupLine {
                markupLine = nil
                if let token = try markup(line: line) { return token }
                continue
            }
            if let token = try characterData() { return token }
        }
    }

    // MARK: - Document start

    /// Skips a UTF-8 byte-order mark and refuses UTF-16 and UTF-32, whose bytes would otherwise read as binary.
    private mutating func start() throws(XMLSyntaxError) {
        hasStarted = true
        guard let first = source.peek() else {
            throw XMLSyntaxError(line: 1, expected: "an XML document, found an empty file")
        }
        if first == 0xFE || first == 0xFF || first == 0x00 {
            throw XMLSyntaxError(line: 1, expected: "UTF-8 text, found a UTF-16/UTF-32 byte-order mark or binary data")
        }
        if first == 0xEF {
            _ = source.next()
            guard source.next() == 0xBB, source.next() == 0xBF else {
                throw XMLSyntaxError(line: 1, expected: "'<' to start an XML document, found binary data")
            }
        }
    }

    // MARK: - Character data

    /// Reads text up to the next `<` (left pending) or the end of input. Returns a text token when inside an element
    /// and text is kept, nil when the run was ignorable, and the end-of-document token at the end of input.
    private mutating func characterData() throws(XMLSyntaxError) -> XMLToken? {
        let line = source.line
        let keeping = keepsText && !openElements.isEmpty
        var sawContent = false
        // Refusals of stray text name the line where the text starts, not where the whitespace before it did.
        var contentLine = line
        beginText()
        while let byte = source.next() {
            switch byte {
            case UInt8(ascii: "<"):
                markupLine = source.line
                return try endOfText(line: line, contentLine: contentLine, keeping: keeping, sawContent: sawContent)
            case UInt8(ascii: "&"):
                if !sawContent { contentLine = source.line }
                let scalar = try reference(line: source.line)
                sawContent = true
                if keeping { appendText(scalar) }
            case 0x00:
                throw XMLSyntaxError(line: source.line, expected: "text, found binary data (a NUL byte)")
            case UInt8(ascii: "\r"):
                // XML reads CR LF and a lone CR as one line feed.
                if source.peek() != 0x0A, keeping { appendText(0x0A) }
            default:
                if byte > 0x20, !sawContent {
                    sawContent = true
                    contentLine = source.line
                }
                if keeping { appendText(byte) }
            }
        }
        if let failure = source.readFailure {
            throw XMLSyntaxError(line: source.line, expected: "a readable file (reading failed: \(failure))")
        }
        if let open = openElements.last {
            throw XMLSyntaxError(
                line: source.line,
                expected: "</\(open.name)> to close the <\(open.name)> opened on line \(open.line), "
                    + "found the end of the file (truncated?)"
            )
        }
        if rootClosedLine == nil {
            throw XMLSyntaxError(
                line: source.line,
                expected: sawContent ? "'<' to start an XML document, found text" : "a root element, found none"
            )
        }
        if sawContent {
            throw XMLSyntaxError(line: contentLine, expected: "nothing after the root element, found text")
        }
        isFinished = true
        return .endOfDocument(line: source.line)
    }

    private mutating func endOfText(
        line: Int, contentLine: Int, keeping: Bool, sawContent: Bool
    ) throws(XMLSyntaxError) -> XMLToken? {
        if openElements.isEmpty, sawContent {
            throw XMLSyntaxError(
                line: contentLine,
                expected: rootClosedLine == nil
                    ? "'<' to start an XML document, found text" : "nothing after the root element, found text"
            )
        }
        guard keeping, !textBuffer.isEmpty else { return nil }
        return .text(takeText(), truncated: textTruncated, line: line)
    }

    private mutating func beginText() {
        textBuffer.removeAll(keepingCapacity: true)
        textTruncated = false
    }

    @inline(__always)
    private mutating func appendText(_ byte: UInt8) {
        if textBuffer.count < limits.textBytesKeptMax {
            textBuffer.append(byte)
        } else {
            textTruncated = true
        }
    }

    private mutating func appendText(_ scalar: Unicode.Scalar) {
        for unit in UTF8.encode(scalar).map({ Array($0) }) ?? [] { appendText(unit) }
    }

    private mutating func takeText() -> String {
        let text = decode(textBuffer)
        textBuffer.removeAll(keepingCapacity: true)
        return text
    }

    /// Bytes as text in the document's encoding. Invalid UTF-8 becomes U+FFFD rather than a refusal: real writers
    /// emit test names with stray bytes (the corpus has some), and a replacement character harms no count.
    private func decode(_ bytes: [UInt8]) -> String {
        if isLatin1 {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return String(scalars)
        }
        // Through the buffer: the generic `[UInt8]` path decodes unit by unit (measured at ~5% of a large parse).
        return bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - References

    /// Decodes the reference after a consumed `&`: the five predefined entities and character references. Any other
    /// name is refused, so no entity is ever looked up, let alone expanded.
    private mutating func reference(line: Int) throws(XMLSyntaxError) -> Unicode.Scalar {
        var name: [UInt8] = []
        while let byte = source.next() {
            if byte == UInt8(ascii: ";") {
                if let scalar = Self.predefinedEntity(name) ?? Self.characterReference(name) { return scalar }
                let written = String(decoding: name, as: UTF8.self)
                throw XMLSyntaxError(
                    line: line,
                    expected: "one of the five XML entities or a character reference, found '&\(written);' "
                        + "(other entities are never expanded)"
                )
            }
            name.append(byte)
            if name.count > 12 { break }
        }
        throw XMLSyntaxError(line: line, expected: "a reference like '&amp;' after '&' (write a bare '&' as '&amp;')")
    }

    private static func predefinedEntity(_ name: [UInt8]) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": "<"
        case "gt": ">"
        case "amp": "&"
        case "quot": "\""
        case "apos": "'"
        default: nil
        }
    }

    /// `#123` or `#x7B` as a scalar; nil for anything else, including NUL and surrogates, which XML forbids.
    private static func characterReference(_ name: [UInt8]) -> Unicode.Scalar? {
        guard name.first == UInt8(ascii: "#") else { return nil }
        let isHex = name.count > 1 && (name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X"))
        let digits = String(decoding: name.dropFirst(isHex ? 2 : 1), as: UTF8.self)
        guard !digits.isEmpty, let value = UInt32(digits, radix: isHex ? 16 : 10), value != 0 else { return nil }
        return Unicode.Scalar(value)
    }

    // MARK: - Markup

    /// Reads the markup after a consumed `<`. Returns nil for markup that yields no token (comments, processing
    /// instructions, empty CDATA, CDATA whose text is not kept).
    private mutating func markup(line: Int) throws(XMLSyntaxError) -> XMLToken? {
        guard let byte = source.next() else { throw truncated(line: line, inside: "markup after '<'") }
        switch byte {
        case UInt8(ascii: "?"):
            try processingInstruction(line: line)
            return nil
        case UInt8(ascii: "!"):
            return try declarationOrSection(line: line)
        case UInt8(ascii: "/"):
            return try endTag(line: line)
        default:
            guard Self.isNameStart(byte) else {
                throw XMLSyntaxError(line: line, expected: "an element name after '<', found \(Self.describe(byte))")
            }
            return try startTag(first: byte, line: line)
        }
    }

    private mutating func startTag(first: UInt8, line: Int) throws(XMLSyntaxError) -> XMLToken {
        let name = try self.name(first: first, line: line)
        if let closed = rootClosedLine {
            throw XMLSyntaxError(
                line: line, expected: "nothing after the root element (closed on line \(closed)), found <\(name)>"
            )
        }
        var attributes: [XMLAttribute] = []
        var sawSpace = false
        while true {
            guard let byte = source.next() else { throw truncated(line: line, inside: "the tag <\(name)") }
            if Self.isSpace(byte) {
                sawSpace = true
                continue
            }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
                let isEmpty = byte == UInt8(ascii: "/")
                if isEmpty, source.next() != UInt8(ascii: ">") {
                    throw XMLSyntaxError(line: source.line, expected: "'>' after '/' in the tag <\(name)>")
                }
                return try opened(name: name, attributes: attributes, isEmpty: isEmpty, line: line)
            }
            guard Self.isNameStart(byte), sawSpace else {
                throw XMLSyntaxError(
                    line: source.line,
                    expected: "whitespace, then an attribute name, '>' or '/>' in <\(name)>, "
                        + "found \(Self.describe(byte))"
                )
            }
            let attribute = try self.attribute(first: byte, element: name)
            if attributes.contains(where: { $0.name == attribute.name }) {
                throw XMLSyntaxError(line: source.line, expected: "each attribute once, found \(attribute.name) twice")
            }
            if attributes.count == limits.attributeCountMax {
                throw XMLSyntaxError(
                    line: line, expected: "at most \(limits.attributeCountMax) attributes on <\(name)>"
                )
            }
            attributes.append(attribute)
            sawSpace = false
        }
    }

    private mutating func opened(
        name: String, attributes: [XMLAttribute], isEmpty: Bool, line: Int
    ) throws(XMLSyntaxError) -> XMLToken {
        if isEmpty {
            if openElements.isEmpty { rootClosedLine = line }
        } else {
            guard openElements.count < limits.depthMax else {
                throw XMLSyntaxError(line: line, expected: "elements nested at most \(limits.depthMax) deep")
            }
            openElements.append((name, line))
        }
        return .startElement(name: name, attributes: attributes, isEmpty: isEmpty, line: line)
    }

    private mutating func attribute(first: UInt8, element: String) throws(XMLSyntaxError) -> XMLAttribute {
        let line = source.line
        let name = try self.name(first: first, line: line)
        var byte = source.next()
        while let space = byte, Self.isSpace(space) { byte = source.next() }
        guard byte == UInt8(ascii: "=") else {
            throw XMLSyntaxError(line: source.line, expected: "'=' after the attribute name \(name) in <\(element)>")
        }
        byte = source.next()
        while let space = byte, Self.isSpace(space) { byte = source.next() }
        guard let quote = byte, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw XMLSyntaxError(
                line: source.line, expected: "a quoted value for the attribute \(name) in <\(element)>"
            )
        }
        beginText()
        while let byte = source.next() {
            switch byte {
            case quote:
                return XMLAttribute(name: name, value: takeText())
            case UInt8(ascii: "<"):
                throw XMLSyntaxError(
                    line: source.line, expected: "no '<' inside the value of \(name) in <\(element)> (write '&lt;')"
                )
            case UInt8(ascii: "&"):
                appendAttributeText(try reference(line: source.line), name: name)
            case 0x00:
                throw XMLSyntaxError(
                    line: source.line, expected: "text in an attribute, found binary data (a NUL byte)"
                )
            case 0x09, 0x0A, 0x0D:
                // Attribute-value normalisation: literal whitespace reads as a space; references keep line breaks.
                appendAttributeByte(UInt8(ascii: " "))
            default:
                appendAttributeByte(byte)
            }
            if textTruncated {
                throw XMLSyntaxError(
                    line: line,
                    expected: "an attribute value of at most \(limits.attributeValueBytesMax) bytes "
                        + "(\(name) in <\(element)> is longer)"
                )
            }
        }
        throw truncated(line: line, inside: "the value of \(name) in <\(element)>")
    }

    @inline(__always)
    private mutating func appendAttributeByte(_ byte: UInt8) {
        if textBuffer.count < limits.attributeValueBytesMax { textBuffer.append(byte) } else { textTruncated = true }
    }

    private mutating func appendAttributeText(_ scalar: Unicode.Scalar, name: String) {
        for unit in UTF8.encode(scalar).map({ Array($0) }) ?? [] { appendAttributeByte(unit) }
    }

    private mutating func endTag(line: Int) throws(XMLSyntaxError) -> XMLToken {
        guard let first = source.next(), Self.isNameStart(first) else {
            throw XMLSyntaxError(line: line, expected: "an element name after '</'")
        }
        let name = try self.name(first: first, line: line)
        var byte = source.next()
        while let space = byte, Self.isSpace(space) { byte = source.next() }
        guard byte == UInt8(ascii: ">") else { throw XMLSyntaxError(line: line, expected: "'>' to end </\(name)") }
        guard let open = openElements.popLast() else {
            throw XMLSyntaxError(line: line, expected: "an element to close, found </\(name)> outside the root")
        }
        guard open.name == name else {
            throw XMLSyntaxError(
                line: line, expected: "</\(open.name)> to close the <\(open.name)> opened on line \(open.line), "
                    + "found </\(name)>"
            )
        }
        if openElements.isEmpty { rootClosedLine = line }
        return .endElement(name: name, line: line)
    }

    /// After `<!`: a comment, a CDATA section, or a refusal (DOCTYPE, ENTITY and other declarations).
    private mutating func declarationOrSection(line: Int) throws(XMLSyntaxError) -> XMLToken? {
        var word: [UInt8] = []
        while word.count < 7, let byte = source.peek(), byte != UInt8(ascii: ">"), !Self.isSpace(byte) {
            word.append(byte)
            _ = source.next()
            if word == Array("--".utf8) {
                try skipComment(line: line)
                return nil
            }
            if word == Array("[CDATA[".utf8) { return try cdata(line: line) }
        }
        let written = String(decoding: word, as: UTF8.self)
        if written.uppercased().hasPrefix("DOCTYPE") || written.uppercased().hasPrefix("ENTITY") {
            throw XMLSyntaxError(
                line: line,
                expected: "no <!\(written.uppercased().hasPrefix("DOCTYPE") ? "DOCTYPE" : "ENTITY")>: DTDs and entity "
                    + "declarations are refused, so no entity is ever expanded or fetched"
            )
        }
        throw XMLSyntaxError(line: line, expected: "'<!--' or '<![CDATA[' after '<!', found '<!\(written)'")
    }

    private mutating func cdata(line: Int) throws(XMLSyntaxError) -> XMLToken? {
        guard !openElements.isEmpty else {
            throw XMLSyntaxError(line: line, expected: "a CDATA section inside an element, found one outside the root")
        }
        let keeping = keepsText
        beginText()
        var brackets = 0
        while let byte = source.next() {
            if byte == UInt8(ascii: "]") {
                brackets += 1
                continue
            }
            if byte == UInt8(ascii: ">"), brackets >= 2 {
                if keeping { for _ in 0..<(brackets - 2) { appendText(UInt8(ascii: "]")) } }
                guard keeping, !textBuffer.isEmpty else { return nil }
                return .text(takeText(), truncated: textTruncated, line: line)
            }
            if byte == 0x00 {
                throw XMLSyntaxError(line: source.line, expected: "text in CDATA, found binary data (a NUL byte)")
            }
            if keeping {
                for _ in 0..<brackets { appendText(UInt8(ascii: "]")) }
                if byte != 0x0D || source.peek() != 0x0A { appendText(byte == 0x0D ? 0x0A : byte) }
            }
            brackets = 0
        }
        throw truncated(line: line, inside: "the CDATA section", closer: "]]>")
    }

    /// After `<?`: the XML declaration (whose encoding is read) or a processing instruction (skipped).
    private mutating func processingInstruction(line: Int) throws(XMLSyntaxError) {
        var content: [UInt8] = []
        var previous: UInt8 = 0
        while let byte = source.next() {
            if byte == UInt8(ascii: ">"), previous == UInt8(ascii: "?") {
                let text = String(decoding: content.dropLast(), as: UTF8.self)
                if text.hasPrefix("xml "), openElements.isEmpty, rootClosedLine == nil {
                    try declaration(text, line: line)
                }
                return
            }
            if content.count < limits.nameBytesMax { content.append(byte) }
            previous = byte
        }
        throw truncated(line: line, inside: "the processing instruction", closer: "?>")
    }

    private mutating func declaration(_ text: String, line: Int) throws(XMLSyntaxError) {
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let encoding = rest.dropFirst().prefix { $0 != quote }.lowercased()
        switch encoding {
        case "utf-8", "utf8", "us-ascii", "ascii":
            isLatin1 = false
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
            isLatin1 = true
        default:
            throw XMLSyntaxError(line: line, expected: "UTF-8, ASCII or ISO-8859-1 encoding, found \(encoding)")
        }
    }

    /// Skips a comment's content up to `-->`; a run of dashes before `>` ends it too.
    private mutating func skipComment(line: Int) throws(XMLSyntaxError) {
        var dashes = 0
        while let byte = source.next() {
            if byte == UInt8(ascii: ">"), dashes >= 2 { return }
            dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
        }
        throw truncated(line: line, inside: "the comment", closer: "-->")
    }

    private mutating func name(first: UInt8, line: Int) throws(XMLSyntaxError) -> String {
        var bytes: [UInt8] = [first]
        while let byte = source.peek(), Self.isNameByte(byte) {
            _ = source.next()
            bytes.append(byte)
            if bytes.count > limits.nameBytesMax {
                throw XMLSyntaxError(line: line, expected: "a name of at most \(limits.nameBytesMax) bytes")
            }
        }
        return decode(bytes)
    }

    private func truncated(line: Int, inside what: String, closer: String? = nil) -> XMLSyntaxError {
        let end = closer.map { "'\($0)' to end \(what)" } ?? "the rest of \(what)"
        return XMLSyntaxError(line: line, expected: "\(end), found the end of the file (truncated?)")
    }

    // MARK: - Byte classes

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    @inline(__always)
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}

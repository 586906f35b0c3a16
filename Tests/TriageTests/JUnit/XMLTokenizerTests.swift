import Testing
@testable import Triage

/// The tokenizer's reading of well-formed markup, and its refusal, with a line, of everything else.
struct XMLTokenizerTests {
    private func tokens(_ text: String) throws -> [XMLToken] {
        var tokenizer = XMLTokenizer(bytes: Array(text.utf8))
        var tokens: [XMLToken] = []
        while true {
            let token = try tokenizer.next()
            tokens.append(token)
            if case .endOfDocument = token { return tokens }
        }
    }

    @Test func referencesCDATAAndCommentsDecodeToTextAndNothingElse() throws {
        let text = "<?xml version=\"1.0\"?>\n<!-- c -->\n"
            + "<a x=\"1 &amp; &#x41;&#66;\">&lt;b&gt;<![CDATA[ <raw> ]]]><!-- -->z</a>"
        let found = try tokens(text)
        #expect(found.count == 6)
        let attribute = XMLAttribute(name: "x", value: "1 & AB")
        #expect(found[0] == .startElement(name: "a", attributes: [attribute], isEmpty: false, line: 3))
        #expect(found[1] == .text("<b>", truncated: false, line: 3))
        #expect(found[2] == .text(" <raw> ]", truncated: false, line: 3))
        #expect(found[3] == .text("z", truncated: false, line: 3))
        #expect(found[4] == .endElement(name: "a", line: 3))
    }

    @Test func aByteOrderMarkAndCRLFLineEndsAreRead() throws {
        let found = try tokens("\u{FEFF}<a>\r\n<b/>\r\n</a>")
        #expect(found[2] == .startElement(name: "b", attributes: [], isEmpty: true, line: 2))
        #expect(found[4] == .endElement(name: "a", line: 3))
    }

    @Test func textBeyondTheLimitIsCutAndSaysSo() throws {
        var tokenizer = XMLTokenizer(bytes: Array("<a>\(String(repeating: "x", count: 100))</a>".utf8),
                                     limits: XMLLimits(textBytesKeptMax: 10))
        _ = try tokenizer.next()
        #expect(try tokenizer.next() == .text("xxxxxxxxxx", truncated: true, line: 1))
    }

    @Test(arguments: [
        ("", 1, "an XML document, found an empty file"),
        ("this is not xml", 1, "'<' to start an XML document, found text"),
        ("<testsuite>\n<b>\n</testsuite>", 3, "</b> to close the <b> opened on line 2, found </testsuite>"),
        ("<testsuite>\n<b>text", 2, "</b> to close the <b> opened on line 2, found the end of the file (truncated?)"),
        ("<testsuite>\n<![CDATA[ never", 2, "']]>' to end the CDATA section, found the end of the file (truncated?)"),
        ("<testsuite x=\"<\"/>", 1, "no '<' inside the value of x in <testsuite> (write '&lt;')"),
        ("<testsuite><failure>&oob;</failure></testsuite>", 1,
         "one of the five XML entities or a character reference, found '&oob;' (other entities are never expanded)"),
        ("<testsuite>AT&T</testsuite>", 1, "a reference like '&amp;' after '&' (write a bare '&' as '&amp;')"),
        ("<testsuite x=\"1\" x=\"2\"/>", 1, "each attribute once, found x twice"),
        ("<testsuite/>\n<b/>", 2, "nothing after the root element (closed on line 1), found <b>"),
        ("<testsuite/>\ntrailing", 2, "nothing after the root element, found text"),
        ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite/>", 1,
         "UTF-8, ASCII or ISO-8859-1 encoding, found utf-16"),
    ])
    func malformedDocumentsAreRefusedWithTheirLine(text: String, line: Int, expected: String) {
        let refusal = JUnitTestFiles.refusal(text)
        #expect(refusal?.kind == .malformedXML)
        #expect(refusal?.line == line)
        #expect(refusal?.expected == expected)
        #expect(refusal?.description == "t.xml:\(line): expected \(expected)")
    }

    @Test func everyDTDIsRefusedSoNoEntityIsExpandedOrFetched() {
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n<r>&x;</r>"
        let laughs = "<!DOCTYPE t [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><testsuites>&b;</testsuites>"
        #expect(JUnitTestFiles.refusal(external)?.line == 2)
        #expect(JUnitTestFiles.refusal(external)?.expected.hasPrefix("no <!DOCTYPE>") == true)
        #expect(JUnitTestFiles.refusal(laughs)?.expected.hasPrefix("no <!DOCTYPE>") == true)
        #expect(JUnitTestFiles.refusal("<!ENTITY % p \"x\">")?.expected.hasPrefix("no <!ENTITY>") == true)
    }

    @Test func binaryDataIsRefused() {
        #expect(JUnitTestFiles.refusal(bytes: [0x00, 0x01, 0x02])?.line == 1)
        #expect(JUnitTestFiles.refusal(bytes: [0xFF, 0xFE, 0x3C, 0x00])?.expected.hasPrefix("UTF-8 text") == true)
        let nul = JUnitTestFiles.refusal(bytes: Array("<testsuites>\n\n".utf8) + [0x00] + Array("</testsuites>".utf8))
        #expect(nul?.line == 3)
        #expect(nul?.expected == "text, found binary data (a NUL byte)")
    }

    @Test func limitsRefuseHugeAttributesAndDeepNestingAtTheLimitNotBefore() {
        let limits = XMLLimits(attributeValueBytesMax: 8, depthMax: 3)
        #expect(JUnitTestFiles.refusal("<testsuites a=\"12345678\"/>", limits: limits) == nil)
        let long = JUnitTestFiles.refusal("<testsuites a=\"123456789\"/>", limits: limits)
        #expect(long?.expected == "an attribute value of at most 8 bytes (a in <testsuites> is longer)")
        #expect(JUnitTestFiles.refusal("<testsuites><x><y/></x></testsuites>", limits: limits) == nil)
        let deep = JUnitTestFiles.refusal("<testsuites><x><y><z></z></y></x></testsuites>", limits: limits)
        #expect(deep?.expected == "elements nested at most 3 deep")
    }

    @Test func aWellFormedDocumentWithAnotherRootIsNotJUnit() {
        let refusal = JUnitTestFiles.refusal("<?xml version=\"1.0\"?>\n<suites/>")
        #expect(refusal?.kind == .notJUnit)
        #expect(refusal?.description == "t.xml:2: expected a <testsuites> or <testsuite> root element, found <suites>")
    }

    @Test func iso88591IsDecodedByteForByte() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite><testcase name=\"caf".utf8)
            + [0xE9] + Array("\"/></testsuite>".utf8)
        let file = try JUnitFileReader().read(bytes: bytes, path: "t.xml").get()
        #expect(file.testCases.map(\.identity.name) == ["café"])
    }
}

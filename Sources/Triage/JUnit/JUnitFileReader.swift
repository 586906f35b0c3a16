import Foundation

/// Reads one JUnit XML file into a `JUnitFile`, streaming: the tokenizer holds one chunk of the file and the
/// builder only the tests, so a 100,000-testcase file reads in bounded memory. Never traps on input: every way a
/// file can be wrong ends in a `JUnitReadError` with a line.
public struct JUnitFileReader: Sendable {
    public var limits: XMLLimits

    public init(limits: XMLLimits = XMLLimits()) {
        self.limits = limits
    }

    /// The file at `path`, or why it was refused.
    public func read(path: String) -> Result<JUnitFile, JUnitReadError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(JUnitReadError(kind: .unreadable, path: path, line: nil, expected: "a readable file"))
        }
        defer { try? handle.close() }
        return read(source: XMLByteSource(handle: handle), path: path)
    }

    /// A document already in memory; `path` names it in errors.
    public func read(bytes: [UInt8], path: String) -> Result<JUnitFile, JUnitReadError> {
        read(source: XMLByteSource(bytes: bytes), path: path)
    }

    private func read(source: XMLByteSource, path: String) -> Result<JUnitFile, JUnitReadError> {
        var tokenizer = XMLTokenizer(source: source, limits: limits)
        var builder = JUnitDocumentBuilder(path: path, textBytesMax: limits.textBytesKeptMax)
        tokenizer.keepsText = false
        do {
            while true {
                let token: XMLToken
                do {
                    token = try tokenizer.next()
                } catch {
                    return .failure(
                        JUnitReadError(kind: .malformedXML, path: path, line: error.line, expected: error.expected)
                    )
                }
                switch token {
                case .startElement(let name, let attributes, let isEmpty, let line):
                    try builder.start(name: name, attributes: attributes, line: line)
                    if isEmpty { builder.end() }
                case .endElement:
                    builder.end()
                case .text(let text, let truncated, _):
                    builder.text(text, truncated: truncated)
                case .endOfDocument:
                    return .success(builder.finish())
                }
                tokenizer.keepsText = builder.wantsText
            }
        } catch {
            return .failure(error)
        }
    }
}

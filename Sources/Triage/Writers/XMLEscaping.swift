/// Escaping for XML 1.0 text and attribute values. Failure summaries and file paths are arbitrary text, and a JUnit
/// file that does not parse loses every result in it, so everything written into `junit.xml` goes through here.
enum XMLEscaping {
    /// `text` safe inside a double- or single-quoted attribute. Characters XML 1.0 forbids outright (most C0
    /// controls) cannot be escaped at all, so they become U+FFFD. Line breaks and tabs are written as character
    /// references so that attribute values keep them instead of normalising them to spaces.
    static func escape(_ text: String) -> String {
        escape(text, keepingLineBreaks: false)
    }

    /// `text` safe as element content: like `escape`, but line feeds and tabs stay literal so the file reads well.
    static func escapeText(_ text: String) -> String {
        escape(text, keepingLineBreaks: true)
    }

    private static func escape(_ text: String, keepingLineBreaks: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += keepingLineBreaks ? "\n" : "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += keepingLineBreaks ? "\t" : "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

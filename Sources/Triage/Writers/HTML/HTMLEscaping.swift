/// Escaping for HTML text and attribute values: every string that comes from a report (test names, failure
/// messages, file paths) goes through here, so a message containing `<script>` is shown, never run.
enum HTMLEscaping {
    static func text(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // C0 controls other than tab and line breaks are not allowed in HTML text.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    static func attribute(_ value: String) -> String { text(value) }
}

/// A header value with parameters, such as `form-data; name="file"; filename="a%2Fb.txt"` or
/// `multipart/form-data; boundary=xyz`: a main value and `name=value` pairs, values as tokens or quoted strings.
struct MIMEHeaderValue: Sendable {
    /// The main value, lowercased (media types and disposition types are case-insensitive).
    let value: String
    /// Parameters in order, names lowercased, quoted values unescaped.
    let parameters: [(name: String, value: String)]

    /// The first parameter called `name` (lowercase).
    func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Parses `text`; the reason string of a failure says what was expected.
    init(parsing text: String) throws(MIMEHeaderValueError) {
        var scalars = Array(text.unicodeScalars)[...]
        func skipSpace() {
            while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        }
        skipSpace()
        var main = ""
        while let first = scalars.first, first != ";" {
            main.unicodeScalars.append(first)
            scalars.removeFirst()
        }
        value = String(main.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
        var parameters: [(name: String, value: String)] = []
        while !scalars.isEmpty {
            scalars.removeFirst()  // the ';'
            skipSpace()
            if scalars.isEmpty { break }  // A trailing ';' is tolerated, as Go's mime package does.
            var name = ""
            while let first = scalars.first, first != "=", first != ";", first != " ", first != "\t" {
                name.unicodeScalars.append(first)
                scalars.removeFirst()
            }
            skipSpace()
            guard !name.isEmpty, scalars.first == "=" else {
                throw MIMEHeaderValueError(reason: "expected name=value after ';'")
            }
            scalars.removeFirst()
            skipSpace()
            var parameterValue = ""
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let first = scalars.popFirst() {
                    if first == "\"" {
                        closed = true
                        break
                    }
                    if first == "\\", let escaped = scalars.popFirst() {
                        parameterValue.unicodeScalars.append(escaped)
                    } else {
                        parameterValue.unicodeScalars.append(first)
                    }
                }
                guard closed else {
                    throw MIMEHeaderValueError(reason: "unterminated quoted value of parameter \"\(name)\"")
                }
                skipSpace()
            } else {
                while let first = scalars.first, first != ";" {
                    parameterValue.unicodeScalars.append(first)
                    scalars.removeFirst()
                }
                parameterValue = String(parameterValue.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            }
            guard scalars.isEmpty || scalars.first == ";" else {
                throw MIMEHeaderValueError(reason: "unexpected text after the value of parameter \"\(name)\"")
            }
            parameters.append((name.lowercased(), parameterValue))
        }
        self.parameters = parameters
    }
}

/// Why a header value with parameters could not be parsed.
struct MIMEHeaderValueError: Error, Equatable, Sendable {
    let reason: String
}

/// Turns the tokens of one file into a `JUnitFile`: a state machine over the open elements that keeps only what the
/// model holds (no tree of the document), so memory grows with the tests, not with the file's output sections.
struct JUnitDocumentBuilder {
    /// What an open element means to the reader.
    private enum Context {
        case root, suite, testcase, result, resultDetail, properties, property, ignored
    }

    /// Most suite-level properties kept; Surefire writes a few hundred JVM properties into every file.
    static let suitePropertiesMax = 1_000

    private let path: String
    private let textBytesMax: Int
    private var contexts: [Context] = []
    private var rootElement = ""
    private var suiteNames: [String] = []
    private var suiteFiles: [String?] = []
    private var suiteCount = 0
    private var testcaseElementCount = 0
    private var declaredTestCount: Int?
    private var timestamp: String?
    private var hostname: String?
    private var suiteProperties: [JUnitProperty] = []
    private var element: JUnitTestCaseElement?
    private var result: JUnitResultElement?
    private var property: (name: String, value: String?, text: String, owner: Context)?
    private var testCases: [JUnitTestCase] = []
    private var indexByIdentity: [JUnitTestIdentity: Int] = [:]
    private var sawTruncation = false

    init(path: String, textBytesMax: Int) {
        self.path = path
        self.textBytesMax = textBytesMax
    }

    /// Whether the tokenizer should keep the character data that comes next.
    var wantsText: Bool {
        switch contexts.last {
        case .result, .resultDetail, .property: true
        default: false
        }
    }

    mutating func start(name: String, attributes: [XMLAttribute], line: Int) throws(JUnitReadError) {
        let parent = contexts.last
        guard let parent else {
            guard name == "testsuites" || name == "testsuite" else {
                throw JUnitReadError(
                    kind: .notJUnit, path: path, line: line,
                    expected: "a <testsuites> or <testsuite> root element, found <\(name)>"
                )
            }
            rootElement = name
            declaredTestCount = attributes.value("tests").flatMap { Int($0) }
            noteFileAttributes(attributes)
            if name == "testsuite" { openSuite(attributes) }
            contexts.append(name == "testsuite" ? .suite : .root)
            return
        }
        contexts.append(context(for: name, in: parent, attributes: attributes, line: line))
    }

    private mutating func context(
        for name: String, in parent: Context, attributes: [XMLAttribute], line: Int
    ) -> Context {
        switch (parent, name) {
        case (.root, "testsuite"), (.suite, "testsuite"):
            noteFileAttributes(attributes)
            openSuite(attributes)
            return .suite
        case (.root, "testcase"), (.suite, "testcase"):
            openTestcase(attributes, line: line)
            return .testcase
        case (.testcase, _):
            if let kind = JUnitResultElement.Kind(rawValue: name) {
                result = JUnitResultElement(
                    kind: kind, message: attributes.value("message"), type: attributes.value("type"),
                    time: attributes.value("time").flatMap(Self.seconds), timestamp: attributes.value("timestamp"),
                    line: line
                )
                return .result
            }
            return name == "properties" ? .properties : .ignored
        case (.suite, "properties"), (.root, "properties"):
            return .properties
        case (.properties, "property"):
            let owner: Context = element == nil ? .suite : .testcase
            property = (attributes.value("name") ?? "", attributes.value("value"), "", owner)
            return .property
        case (.result, "stackTrace"):
            return .resultDetail
        default:
            return .ignored
        }
    }

    mutating func text(_ text: String, truncated: Bool) {
        switch contexts.last {
        case .result, .resultDetail:
            guard var current = result else { return }
            append(text, to: &current.text, truncated: truncated || current.textTruncated)
            current.textTruncated = current.textTruncated || truncated || current.text.utf8.count >= textBytesMax
            result = current
        case .property:
            guard var current = property else { return }
            append(text, to: &current.text, truncated: truncated)
            property = current
        default:
            break
        }
    }

    private mutating func append(_ text: String, to target: inout String, truncated: Bool) {
        if truncated { sawTruncation = true }
        let room = textBytesMax - target.utf8.count
        guard room > 0 else {
            sawTruncation = true
            return
        }
        if text.utf8.count <= room {
            target += text
        } else {
            sawTruncation = true
            target += String(decoding: text.utf8.prefix(room), as: UTF8.self)
        }
    }

    mutating func end() {
        guard let context = contexts.popLast() else { return }
        switch context {
        case .suite:
            suiteNames.removeLast()
            suiteFiles.removeLast()
        case .testcase:
            closeTestcase()
        case .result:
            if let result { element?.results.append(result) }
            result = nil
        case .property:
            closeProperty()
        case .root, .resultDetail, .properties, .ignored:
            break
        }
    }

    // MARK: - Suites and testcases

    private mutating func noteFileAttributes(_ attributes: [XMLAttribute]) {
        if timestamp == nil { timestamp = attributes.value("timestamp") }
        if hostname == nil { hostname = attributes.value("hostname") }
    }

    private mutating func openSuite(_ attributes: [XMLAttribute]) {
        suiteCount += 1
        suiteNames.append(attributes.value("name") ?? "")
        suiteFiles.append(attributes.value("file") ?? attributes.value("filepath"))
    }

    private mutating func openTestcase(_ attributes: [XMLAttribute], line: Int) {
        testcaseElementCount += 1
        let file = attributes.value("file")
        let suitePath = suiteNames.filter { !$0.isEmpty }.map(Self.withoutStressSuffix)
        let suiteFile = suiteFiles.last { $0 != nil } ?? nil
        let scope = file ?? suiteFile ?? suitePath.joined(separator: "/")
        let status = attributes.value("status")?.lowercased()
        let resultAttribute = attributes.value("result")?.lowercased()
        element = JUnitTestCaseElement(
            identity: JUnitTestIdentity(
                scope: scope, classname: attributes.value("classname") ?? "", name: attributes.value("name") ?? ""
            ),
            suitePath: suitePath, file: file, fileLine: attributes.value("line").flatMap { Int($0) },
            time: attributes.value("time").flatMap(Self.seconds), timestamp: attributes.value("timestamp"),
            skippedByAttribute: ["disabled", "notrun", "skipped"].contains(status ?? "")
                || ["skipped", "suppressed"].contains(resultAttribute ?? ""),
            line: line
        )
    }

    private mutating func closeTestcase() {
        guard let element else { return }
        self.element = nil
        if let index = indexByIdentity[element.identity] {
            var test = testCases[index]
            test.attempts += element.attempts(element: test.elementCount)
            test.elementCount += 1
            if let time = element.time { test.time = (test.time ?? 0) + time }
            test.properties += element.properties
            testCases[index] = test
            return
        }
        indexByIdentity[element.identity] = testCases.count
        testCases.append(
            JUnitTestCase(
                identity: element.identity, suitePath: element.suitePath, file: element.file,
                fileLine: element.fileLine, attempts: element.attempts(element: 0), time: element.time,
                properties: element.properties, line: element.line
            )
        )
    }

    private mutating func closeProperty() {
        guard let property else { return }
        self.property = nil
        let value = JUnitProperty(name: property.name, value: property.value ?? property.text)
        if property.owner == .testcase {
            element?.properties.append(value)
        } else if suiteProperties.count < Self.suitePropertiesMax {
            suiteProperties.append(value)
        }
    }

    /// The file, once the document has ended.
    func finish() -> JUnitFile {
        var caveats: [JUnitCaveat] = []
        if let declaredTestCount, declaredTestCount != testcaseElementCount { caveats.append(.declaredTotalsDisagree) }
        if testCases.contains(where: { $0.elementCount > 1 }) { caveats.append(.repeatedTestcases) }
        if sawTruncation { caveats.append(.textTruncated) }
        var file = JUnitFile(
            path: path, rootElement: rootElement, testCases: testCases, suiteCount: suiteCount,
            testcaseElementCount: testcaseElementCount, declaredTestCount: declaredTestCount, timestamp: timestamp,
            hostname: hostname, properties: suiteProperties, caveats: caveats
        )
        JUnitRetryDialects.apply(to: &file)
        return file
    }

    /// nextest stress runs write one suite per iteration, named `binary@stress-N`; the iterations are attempts of
    /// the same tests, so the suffix is not part of their identity.
    static func withoutStressSuffix(_ name: String) -> String {
        // Almost no suite name has an `@`: skip Foundation's search (a measurable share of a large file's parse).
        guard name.utf8.contains(UInt8(ascii: "@")),
            let marker = name.range(of: "@stress-", options: .backwards),
            !name[marker.upperBound...].isEmpty, name[marker.upperBound...].allSatisfy(\.isNumber)
        else { return name }
        return String(name[..<marker.lowerBound])
    }

    /// Seconds from a `time` attribute. Surefire 2.x wrote thousands separators ("1,234.5"), so commas are dropped.
    static func seconds(_ text: String) -> Double? {
        // The common case, a plain number, without Foundation's trimming (which bridges through NSString).
        if let value = Double(text), value.isFinite { return value }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Double(trimmed), value.isFinite { return value }
        guard let value = Double(trimmed.replacingOccurrences(of: ",", with: "")), value.isFinite else { return nil }
        return value
    }
}

extension [XMLAttribute] {
    /// The value of the attribute called `name`, if present.
    func value(_ name: String) -> String? {
        first { $0.name == name }?.value
    }
}

import Yams

/// Turns a scenario file's text into its root node, translating Yams' errors into located `ScenarioFileError`s.
enum YAMLComposer {
    static func compose(_ text: String, path: String) throws(ScenarioFileError) -> LocatedNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw scenarioError(for: error, in: text, path: path)
        } catch {
            throw ScenarioFileError(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
        guard let root else {
            throw ScenarioFileError(path: path, line: 1, column: 1, message: "the file is empty")
        }
        let located = LocatedNode(root, path: path, label: "the top level")
        guard case .mapping = root else {
            throw located.error("the top level must be a mapping of keys (name, description, workload, …), "
                + "got \(located.summary)")
        }
        return located
    }

    static func scenarioError(for error: YamlError, in text: String, path: String) -> ScenarioFileError {
        func located(_ position: TextPosition, _ message: String) -> ScenarioFileError {
            ScenarioFileError(path: path, line: position.line, column: position.column, message: message)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return located(TextPosition(mark), "invalid YAML: \(problem)\(during)")
        case let .reader(problem, offset, _, _):
            let start = offset.map { position(ofCharacterOffset: $0, in: text) } ?? TextPosition(line: 1, column: 1)
            return located(start, "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = TextPosition(context.mark)
            let position = DuplicateKeyLocator.secondOccurrence(of: key, firstAt: first, in: text) ?? first
            return located(position, "duplicate key '\(key)': each key may appear only once in a mapping")
        default:
            return ScenarioFileError(path: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    /// The 1-based line and column (in Unicode scalars, like libyaml) of the character at `offset`.
    static func position(ofCharacterOffset offset: Int, in text: String) -> TextPosition {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return TextPosition(line: line, column: column)
    }
}

/// A 1-based line and column; Yams' `Mark` has no public initializer.
struct TextPosition: Equatable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}

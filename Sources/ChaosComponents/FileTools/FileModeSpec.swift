/// A `chmod` mode operand: octal (`700`, `0755`) or symbolic (`a+rX`, `u=rwx,go=`, `g-w`), applied as GNU chmod
/// applies it. `X` adds execute only to directories and to files some class can already execute.
public struct FileModeSpec: Sendable, Equatable {
    enum Clause: Sendable, Equatable {
        case absolute(UInt16)
        case symbolic(who: UInt16, operation: Character, permissions: String)
    }

    let clauses: [Clause]
    /// The operand as given, for messages.
    public let text: String

    /// Parses `text`; nil if it is not a mode chmod accepts.
    public init?(_ text: String) {
        self.text = text
        if !text.isEmpty, text.allSatisfy({ ("0"..."7").contains($0) }) {
            guard text.count <= 4, let value = UInt16(text, radix: 8) else { return nil }
            clauses = [.absolute(value)]
            return
        }
        var clauses: [Clause] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let operatorIndex = part.firstIndex(where: { "+-=".contains($0) }) else { return nil }
            let whoText = part[..<operatorIndex]
            guard whoText.allSatisfy({ "ugoa".contains($0) }) else { return nil }
            var who: UInt16 = 0
            for letter in whoText {
                switch letter {
                case "u": who |= 0o4700
                case "g": who |= 0o2070
                case "o": who |= 0o1007
                default: who |= 0o7777
                }
            }
            // No class named means all of them (GNU applies the umask here; the tools' callers always name one).
            if whoText.isEmpty { who = 0o7777 }
            let rest = part[part.index(after: operatorIndex)...]
            guard rest.allSatisfy({ "rwxXst".contains($0) }) else { return nil }
            clauses.append(.symbolic(who: who, operation: part[operatorIndex], permissions: String(rest)))
        }
        guard !clauses.isEmpty else { return nil }
        self.clauses = clauses
    }

    /// The mode an entry with `mode` gets.
    public func applied(to mode: UInt16, isDirectory: Bool) -> UInt16 {
        var result = mode & 0o7777
        for clause in clauses {
            switch clause {
            case let .absolute(value):
                result = value
            case let .symbolic(who, operation, permissions):
                var bits: UInt16 = 0
                for letter in permissions {
                    switch letter {
                    case "r": bits |= 0o444
                    case "w": bits |= 0o222
                    case "x": bits |= 0o111
                    case "X": if isDirectory || result & 0o111 != 0 { bits |= 0o111 }
                    case "s": bits |= 0o6000
                    default: bits |= 0o1000
                    }
                }
                bits &= who
                switch operation {
                case "+": result |= bits
                case "-": result &= ~bits
                default: result = (result & ~(who & 0o7777)) | bits
                }
            }
        }
        return result
    }
}

import Foundation

/// Whether a file that is not named `.xml` holds JUnit XML anyway, from its first bytes: writers' own test data and
/// some CI steps use other names (gotestsum's `*.golden`, `*.junit`), and a directory walk that read only `.xml`
/// would skip them silently. The root element must be `testsuites` or `testsuite` — after an optional BOM,
/// whitespace, the XML declaration, comments and processing instructions — so that XML of other kinds (schemas,
/// project files) and text are left alone rather than refused.
enum JUnitRootSniffer {
    /// Bytes read from the start of the file; a JUnit root comes long before this in every writer's output.
    static let prefixLength = 4096

    static func looksLikeJUnit(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: prefixLength) else { return false }
        return looksLikeJUnit(prefix: Array(data))
    }

    static func looksLikeJUnit(prefix bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while true {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return false }
            let rest = bytes[index...]
            if rest.starts(with: Array("<?".utf8)) {
                guard let end = find(Array("?>".utf8), in: bytes, from: index) else { return false }
                index = end
            } else if rest.starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index) else { return false }
                index = end
            } else {
                let name = rest.dropFirst().prefix { byte in
                    !([0x20, 0x09, 0x0A, 0x0D] + Array(">/".utf8)).contains(byte)
                }
                return name.elementsEqual("testsuites".utf8) || name.elementsEqual("testsuite".utf8)
            }
        }
    }

    /// The index just past the first `needle` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}

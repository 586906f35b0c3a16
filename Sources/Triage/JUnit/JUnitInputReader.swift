import Foundation

/// Reads a set of inputs: files as given, directories recursively (their `.xml` files, and files of other names whose
/// root element is a JUnit one, see `JUnitRootSniffer`), in sorted order so that two runs over the same tree list the
/// same files in the same order.
public struct JUnitInputReader: Sendable {
    public var fileReader: JUnitFileReader
    /// Most files one directory walk may yield; a mistaken root (`/`) is then a reported refusal, not a long hang.
    public var filesPerDirectoryMax: Int
    /// Called after each file is read, with whether it was refused: a CLI shows progress through long inputs.
    public var fileRead: (@Sendable (_ path: String, _ refused: Bool) -> Void)?

    public init(
        fileReader: JUnitFileReader = JUnitFileReader(), filesPerDirectoryMax: Int = 100_000,
        fileRead: (@Sendable (_ path: String, _ refused: Bool) -> Void)? = nil
    ) {
        self.fileReader = fileReader
        self.filesPerDirectoryMax = filesPerDirectoryMax
        self.fileRead = fileRead
    }

    /// Every input read; a path named explicitly is read whatever its extension.
    public func read(paths: [String]) -> JUnitReadResult {
        var result = JUnitReadResult()
        for path in paths {
            let listed = files(at: path)
            result.refusals += listed.refusals
            for file in listed.files {
                switch fileReader.read(path: file) {
                case .success(let parsed):
                    result.files.append(parsed)
                    fileRead?(file, false)
                case .failure(let refusal):
                    result.refusals.append(refusal)
                    fileRead?(file, true)
                }
            }
        }
        return result
    }

    /// The files `path` stands for: itself, or the JUnit files under it, sorted by path.
    public func files(at path: String) -> (files: [String], refusals: [JUnitReadError]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return ([], [JUnitReadError(kind: .unreadable, path: path, line: nil, expected: "a file or directory")])
        }
        guard isDirectory.boolValue else { return ([path], []) }
        let root = URL(fileURLWithPath: path)
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
            )
        else {
            return ([], [JUnitReadError(kind: .unreadable, path: path, line: nil, expected: "a readable directory")])
        }
        var found: [String] = []
        let prefix = path.hasSuffix("/") ? path : path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                url.pathExtension.lowercased() == "xml" || JUnitRootSniffer.looksLikeJUnit(path: url.path)
            else { continue }
            // Paths are reported under the directory as given, not as the walker resolved it.
            let isUnderRoot = url.path.hasPrefix(root.path + "/")
            let relative = isUnderRoot ? String(url.path.dropFirst(root.path.count + 1)) : url.path
            found.append(prefix + relative)
            if found.count > filesPerDirectoryMax {
                return (
                    [], [JUnitReadError(
                        kind: .unreadable, path: path, line: nil,
                        expected: "at most \(filesPerDirectoryMax) JUnit files under one directory"
                    )]
                )
            }
        }
        return (found.sorted(), [])
    }
}

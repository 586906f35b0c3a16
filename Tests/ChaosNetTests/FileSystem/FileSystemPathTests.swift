import ChaosNet
import Testing

/// Lexical path handling shared by both implementations.
@Suite struct FileSystemPathTests {
    @Test(arguments: [
        ("/", "/"), ("//", "/"), ("/a/./b//c/", "/a/b/c"), ("/a/b/../c", "/a/c"), ("/../..", "/"),
        ("/a/..", "/"), ("/a/.../b", "/a/.../b"),
    ])
    func normalisationIsLexical(_ input: String, _ expected: String) throws {
        #expect(try FileSystemPath.normalize(input) == expected)
    }

    /// ASCII paths take a byte-splitting shortcut; other paths split by Character, where a combining mark joins a
    /// preceding slash into one Character that is not a separator.
    @Test(arguments: [
        ("/é/./ü/../x", "/é/x"), ("/日本/語//", "/日本/語"), ("/a/\u{301}b/..", "/"), ("/a\r\n/b", "/a\r\n/b"),
    ])
    func nonASCIIPathsSplitByCharacter(_ input: String, _ expected: String) throws {
        #expect(try FileSystemPath.normalize(input) == expected)
    }

    @Test func unusablePathsAreInvalid() {
        #expect(throws: FileSystemError.invalidPath(path: "a/b", reason: "not an absolute path")) {
            try FileSystemPath.normalize("a/b")
        }
        #expect(throws: FileSystemError.invalidPath(path: "", reason: "not an absolute path")) {
            try FileSystemPath.normalize("")
        }
        #expect(throws: FileSystemError.invalidPath(path: "/a\u{0}b", reason: "contains a NUL byte")) {
            try FileSystemPath.normalize("/a\u{0}b")
        }
        let longName = "/" + String(repeating: "n", count: 256)
        #expect(throws: FileSystemError.invalidPath(path: longName, reason: "a component is longer than 255 bytes")) {
            try FileSystemPath.normalize(longName)
        }
        _ = try? FileSystemPath.normalize("/" + String(repeating: "n", count: 255))
        let longPath = String(repeating: "/abc", count: 1024)
        #expect(throws: FileSystemError.invalidPath(path: longPath, reason: "longer than 4095 bytes")) {
            try FileSystemPath.normalize(longPath)
        }
    }

    @Test func prefixesCompareWholeComponents() {
        #expect(FileSystemPath.isPrefix("/a", of: "/a"))
        #expect(FileSystemPath.isPrefix("/a", of: "/a/b"))
        #expect(!FileSystemPath.isPrefix("/a", of: "/ab"))
        #expect(FileSystemPath.isPrefix("/", of: "/anything"))
        #expect(FileSystemPath.parent(of: "/a/b") == "/a")
        #expect(FileSystemPath.parent(of: "/a") == "/")
        #expect(FileSystemPath.joining("/", "a") == "/a")
    }

    @Test func errorsCarryTheirErrnoNameAndTransience() {
        let cases: [(FileSystemError, String, Bool)] = [
            (.notFound(path: "/p"), "ENOENT", false), (.alreadyExists(path: "/p"), "EEXIST", false),
            (.notADirectory(path: "/p"), "ENOTDIR", false), (.isADirectory(path: "/p"), "EISDIR", false),
            (.directoryNotEmpty(path: "/p"), "ENOTEMPTY", false),
            (.noSpace(path: "/p", needed: 2, available: 1), "ENOSPC", true),
            (.permissionDenied(path: "/p"), "EACCES", false), (.tooManySymlinks(path: "/p"), "ELOOP", false),
            (.invalidPath(path: "/p", reason: "r"), "EINVAL", false), (.readOnlyFileSystem, "EROFS", false),
            (.ioError(path: "/p", message: "m"), "EIO", true),
        ]
        for (error, name, transient) in cases {
            #expect(error.errnoName == name)
            #expect(error.description.hasPrefix(name + ": "))
            #expect(error.isTransient == transient)
        }
        #expect(
            FileSystemError.noSpace(path: "/p", needed: 2, available: 1).description
                == "ENOSPC: no space left on device: /p (needed 2 bytes, 1 available)")
    }
}

import ChaosNet
import Testing

@Suite("TarPathSafety")
struct TarPathSafetyTests {
    @Test(
        "member paths are classified and normalised",
        arguments: [
            ("QmRoot", TarPathVerdict.safe(components: ["QmRoot"])),
            ("QmRoot/a/b.txt", .safe(components: ["QmRoot", "a", "b.txt"])),
            ("./QmRoot/", .safe(components: ["QmRoot"])),
            ("././a//b/./c/", .safe(components: ["a", "b", "c"])),
            (".", .safe(components: [])),
            ("./", .safe(components: [])),
            ("a/../b", .safe(components: ["b"])),
            ("a/..", .safe(components: [])),
            ("..", .escaping),
            ("../x", .escaping),
            ("a/../../x", .escaping),
            ("./../x", .escaping),
            ("/etc/passwd", .absolute),
            ("/", .absolute),
            ("", .empty),
            ("a\u{0}b", .containsNUL),
            ("..a/b..", .safe(components: ["..a", "b.."])),
            ("données/é", .safe(components: ["données", "é"])),
        ])
    func memberPaths(path: String, verdict: TarPathVerdict) {
        #expect(TarPathSafety.classify(path: path) == verdict)
    }

    @Test("a combining mark after a slash does not hide a .. component")
    func combiningMarkAfterSlash() {
        // "/\u{301}" is a single Character, but the file system still sees "..", then "\u{301}x".
        #expect(TarPathSafety.classify(path: "../\u{301}x") == .escaping)
        #expect(TarPathSafety.classify(path: "a/\u{301}/../..") == .safe(components: []))
    }

    @Test(
        "symlink targets are resolved from the link's directory",
        arguments: [
            ("QmRoot/sub/l", "../a", TarPathVerdict.safe(components: ["QmRoot", "a"])),
            ("QmRoot/sub/l", "../../a", .safe(components: ["a"])),
            ("QmRoot/sub/l", "../../../a", .escaping),
            ("QmRoot/l", "a/b/../../..", .safe(components: [])),
            ("QmRoot/l", "a/b/../../../..", .escaping),
            ("QmRoot/l", "/etc", .absolute),
            ("QmRoot/l", "", .empty),
            ("QmRoot/l", ".", .safe(components: ["QmRoot"])),
            ("l", "x", .safe(components: ["x"])),
            ("l", "..", .escaping),
            ("../l", "x", .escaping),
            ("/l", "x", .absolute),
            (".", "x", .escaping),
        ])
    func linkTargets(linkPath: String, target: String, verdict: TarPathVerdict) {
        #expect(TarPathSafety.classify(linkTarget: target, linkPath: linkPath) == verdict)
    }
}

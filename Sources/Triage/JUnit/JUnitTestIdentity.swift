/// Who a test is, across files and runs: scope + classname + name. `classname` and `name` alone are not enough:
/// jest writes `classname=""` and the same names in many files (222 collisions in jest's own run), and GitLab, which
/// keys on them, keeps only the first duplicate.
public struct JUnitTestIdentity: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The testcase's `file` (or its nearest suite's) when written, else the enclosing suite names joined by "/".
    /// The file wins because it is what runners agree on; suite names vary with the writer's options.
    public var scope: String
    public var classname: String
    public var name: String

    public init(scope: String, classname: String, name: String) {
        self.scope = scope
        self.classname = classname
        self.name = name
    }

    public var description: String {
        [scope, classname, name].filter { !$0.isEmpty }.joined(separator: " :: ")
    }

    public static func < (lhs: JUnitTestIdentity, rhs: JUnitTestIdentity) -> Bool {
        (lhs.scope, lhs.classname, lhs.name) < (rhs.scope, rhs.classname, rhs.name)
    }
}

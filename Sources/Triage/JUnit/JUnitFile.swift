/// One JUnit XML file, read: its tests with their attempts, and the file-level facts runs are built from.
public struct JUnitFile: Sendable, Equatable {
    public var path: String
    /// `testsuites` or `testsuite`: writers use both as the root.
    public var rootElement: String
    /// Tests in order of first appearance.
    public var testCases: [JUnitTestCase]
    /// `<testsuite>` elements at any depth.
    public var suiteCount: Int
    /// `<testcase>` elements counted (the declared totals are not trusted).
    public var testcaseElementCount: Int
    /// The root's declared `tests=`, when written; compare with `testcaseElementCount`.
    public var declaredTestCount: Int?
    /// The first `timestamp=` on the root or a suite, as written.
    public var timestamp: String?
    /// The first `hostname=` on the root or a suite.
    public var hostname: String?
    /// Suite-level properties (Surefire writes the JVM's, and CI environment variables), first suites first.
    public var properties: [JUnitProperty]
    public var caveats: [JUnitCaveat]

    public init(
        path: String, rootElement: String, testCases: [JUnitTestCase], suiteCount: Int, testcaseElementCount: Int,
        declaredTestCount: Int? = nil, timestamp: String? = nil, hostname: String? = nil,
        properties: [JUnitProperty] = [], caveats: [JUnitCaveat] = []
    ) {
        self.path = path
        self.rootElement = rootElement
        self.testCases = testCases
        self.suiteCount = suiteCount
        self.testcaseElementCount = testcaseElementCount
        self.declaredTestCount = declaredTestCount
        self.timestamp = timestamp
        self.hostname = hostname
        self.properties = properties
        self.caveats = caveats
    }

    /// The test with this identity, if the file has it.
    public func testCase(_ identity: JUnitTestIdentity) -> JUnitTestCase? {
        testCases.first { $0.identity == identity }
    }

    /// Tests whose name (and classname, when given) match; identities are long, tests mostly ask by name.
    public func testCases(named name: String, classname: String? = nil) -> [JUnitTestCase] {
        testCases.filter { $0.identity.name == name && (classname == nil || $0.identity.classname == classname) }
    }
}

/// A set of CI runs seen test by test: for each identity, its executions in run order. Runs are ordered by their
/// timestamps when every run has one (ties keep the order given), and kept in the order given otherwise, since a
/// history half in time order and half not has no order worth guessing.
public struct TestHistory: Sendable {
    /// The runs, in history order.
    public var runs: [JUnitRun]
    /// Whether `runs` were put in time order; false means the order given was kept.
    public var isTimeOrdered: Bool
    /// Every test's executions, sorted by identity.
    public var tests: [(identity: JUnitTestIdentity, executions: [TestExecution])]

    public init(runs given: [JUnitRun]) {
        let allTimed = !given.isEmpty && given.allSatisfy { $0.timestamp != nil }
        isTimeOrdered = allTimed
        runs = allTimed
            ? given.enumerated().sorted { ($0.element.timestamp!, $0.offset) < ($1.element.timestamp!, $1.offset) }
                .map(\.element)
            : given
        var byIdentity: [JUnitTestIdentity: [TestExecution]] = [:]
        for (index, run) in runs.enumerated() {
            for file in run.result.files {
                for test in file.testCases {
                    let execution = TestExecution(
                        runIndex: index, commit: run.commit, filePath: file.path, attempts: test.attempts
                    )
                    byIdentity[test.identity, default: []].append(execution)
                }
            }
        }
        // Sorted, because a Dictionary's order changes from process to process.
        tests = byIdentity.keys.sorted().map { ($0, byIdentity[$0]!) }
    }

    /// Whether any run names its commit: without one, pass-and-fail across runs cannot be pinned to one commit.
    public var anyCommitKnown: Bool { runs.contains { $0.commit != nil } }
}

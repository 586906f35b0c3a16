/// Dialect rules that need every testcase element of a test at once: the retry shapes written as repeated
/// testcases. Each rule names the writer it is for and leaves a caveat on the file, because each is an inference.
enum JUnitRetryDialects {
    static func apply(to file: inout JUnitFile) {
        let isPytest = file.testCases.contains { $0.suitePath.first == "pytest" }
        var readSkips = false
        var readEmptyReruns = false
        for index in file.testCases.indices where file.testCases[index].elementCount > 1 {
            if isPytest, markEmptyReruns(&file.testCases[index]) { readEmptyReruns = true }
            if readSkipsAsRetries(&file.testCases[index]) { readSkips = true }
        }
        if readEmptyReruns { file.caveats.append(.rerunAttemptsWithoutResult) }
        if readSkips { file.caveats.append(.skipsReadAsRetries) }
        if isXCTestXUnit(file) { file.caveats.append(.xctestSkipsReadAsPasses) }
    }

    /// TestNG's retry analyzer records each retried failure as SKIP, so a test written as skips beside a real result
    /// (Apache Pulsar's CI: pass, then 4 skips) failed those attempts and was retried; they come first.
    private static func readSkipsAsRetries(_ test: inout JUnitTestCase) -> Bool {
        let isSkip = { (attempt: JUnitAttempt) in attempt.source == .testcase && attempt.outcome == .skipped }
        // Exactly one element with a real result: TestNG writes the retries and then one final result. Several
        // real results beside skips are something else (e.g. nameless testcases that merged), left as written.
        let resultElements = Set(test.attempts.filter { !isSkip($0) }.map(\.element))
        guard test.attempts.contains(where: isSkip), resultElements.count == 1 else { return false }
        let retries = test.attempts.filter(isSkip).map { attempt -> JUnitAttempt in
            var retried = attempt
            retried.outcome = .failed
            retried.source = .retriedSkip
            return retried
        }
        test.attempts = retries + test.attempts.filter { !isSkip($0) }
        return true
    }

    /// pytest-rerunfailures ≥ 16.6.1 writes an attempt that was rerun without a result child. An attempt is rerun
    /// only after it failed, but the version is not in the file, so such attempts are unknown rather than passes.
    private static func markEmptyReruns(_ test: inout JUnitTestCase) -> Bool {
        let last = test.elementCount - 1
        var marked = false
        for index in test.attempts.indices {
            let attempt = test.attempts[index]
            guard attempt.element < last, attempt.source == .testcase, attempt.outcome == .passed else { continue }
            test.attempts[index].outcome = .unknown
            test.attempts[index].source = .emptyRerun
            marked = true
        }
        return marked
    }

    /// SwiftPM's XCTest `XUnitGenerator`: one suite "TestResults", no skipped element, failures with message
    /// "failed". Swift Testing's writer uses the same suite name but writes skips and names ending in ")".
    private static func isXCTestXUnit(_ file: JUnitFile) -> Bool {
        guard !file.testCases.isEmpty, file.testCases.allSatisfy({ $0.suitePath == ["TestResults"] }) else {
            return false
        }
        return !file.testCases.contains { $0.identity.name.hasSuffix(")") }
            && !file.testCases.contains { $0.attempts.contains { $0.outcome == .skipped } }
    }
}

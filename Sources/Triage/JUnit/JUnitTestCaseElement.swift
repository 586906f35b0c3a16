/// One `<testcase>` element while it is being read, and the attempts it stands for once closed.
struct JUnitTestCaseElement {
    var identity: JUnitTestIdentity
    var suitePath: [String]
    var file: String?
    var fileLine: Int?
    var time: Double?
    var timestamp: String?
    /// GoogleTest `status="notrun"`/`result="skipped"`, TST `status="disabled"`: skipped without a skipped child.
    var skippedByAttribute: Bool
    var line: Int
    var results: [JUnitResultElement] = []
    var properties: [JUnitProperty] = []

    /// The attempts this element records, in execution order. Surefire writes `flakyFailure`/`flakyError` for the
    /// failed attempts of a test that passed in the end, and `failure`/`error` for the first attempt of a test that
    /// failed every time, followed by `rerunFailure`/`rerunError` for the later ones (rerun-failing-tests.apt.vm).
    func attempts(element: Int) -> [JUnitAttempt] {
        let flaky = results.filter { $0.kind == .flakyFailure || $0.kind == .flakyError }
        let reruns = results.filter { $0.kind == .rerunFailure || $0.kind == .rerunError }
        let primary = results.filter { $0.kind == .failure || $0.kind == .error || $0.kind == .skipped }
        var attempts = flaky.map { attempt(from: $0, source: $0.kind == .flakyFailure ? .flakyFailure : .flakyError) }
            .map { with(element: element, $0) }
        let final = finalAttempt(primary: primary, hasFlaky: !flaky.isEmpty, reruns: reruns)
        attempts.append(with(element: element, final))
        attempts += reruns.map { attempt(from: $0, source: $0.kind == .rerunFailure ? .rerunFailure : .rerunError) }
            .map { with(element: element, $0) }
        return attempts
    }

    /// The testcase's own attempt. Several result children are resolved by error > failure > skipped (the order
    /// EnricoMi's action applies; Jenkins lets skipped win, which would hide a failure), the losers kept as
    /// `overridden`.
    private func finalAttempt(
        primary: [JUnitResultElement], hasFlaky: Bool, reruns: [JUnitResultElement]
    ) -> JUnitAttempt {
        let rank: [JUnitResultElement.Kind: Int] = [.error: 0, .failure: 1, .skipped: 2]
        let ordered = primary.enumerated()
            .sorted { (rank[$0.element.kind] ?? 3, $0.offset) < (rank[$1.element.kind] ?? 3, $1.offset) }
            .map(\.element)
        guard let chosen = ordered.first else {
            return JUnitAttempt(
                outcome: skippedByAttribute ? .skipped : .passed, source: .testcase, time: time, timestamp: timestamp,
                line: line
            )
        }
        var attempt = self.attempt(from: chosen, source: .testcase)
        attempt.time = time
        attempt.timestamp = attempt.timestamp ?? timestamp
        attempt.overridden = ordered.dropFirst().map(\.kind.outcome)
        if chosen.kind != .skipped, hasFlaky, reruns.isEmpty {
            attempt.outcome = .passed
            attempt.source = .flakyFailStatus
        }
        return attempt
    }

    private func attempt(from result: JUnitResultElement, source: JUnitAttempt.Source) -> JUnitAttempt {
        JUnitAttempt(
            outcome: result.kind.outcome, source: source, message: result.message, type: result.type,
            text: result.text.isEmpty ? nil : result.text, time: result.time, timestamp: result.timestamp,
            line: result.line
        )
    }

    private func with(element: Int, _ attempt: JUnitAttempt) -> JUnitAttempt {
        var attempt = attempt
        attempt.element = element
        return attempt
    }
}

/// A result child of one `<testcase>` element (`failure`, `error`, `skipped` and the Surefire rerun elements), as
/// read, before the testcase's attempts are derived from all of them together.
struct JUnitResultElement {
    enum Kind: String, CaseIterable {
        case failure, error, skipped, flakyFailure, flakyError, rerunFailure, rerunError

        var outcome: JUnitAttempt.Outcome {
            switch self {
            case .failure, .flakyFailure, .rerunFailure: .failed
            case .error, .flakyError, .rerunError: .errored
            case .skipped: .skipped
            }
        }
    }

    var kind: Kind
    var message: String?
    var type: String?
    var text = ""
    var textTruncated = false
    var time: Double?
    var timestamp: String?
    var line: Int
}

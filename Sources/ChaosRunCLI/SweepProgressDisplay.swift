import Scenarios

/// A sweep's progress on standard error, one `ProgressDisplay` per phase.
final class SweepProgressDisplay: SweepProgress, @unchecked Sendable {
    private let quiet: Bool
    private var display: ProgressDisplay?

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func begin(_ label: String, total: Int) {
        display = ProgressDisplay(total: total, label: label, quiet: quiet)
    }

    func advance(failed: Bool) {
        display?.advance(failed: failed)
    }

    func finish() {
        display?.finish()
        display = nil
    }
}

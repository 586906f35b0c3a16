import ChaosNet
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress on standard error: a bar with the rate and an ETA redrawn in place on a terminal, plain lines at every
/// tenth otherwise (CI logs). Standard output stays for results.
final class ProgressDisplay: @unchecked Sendable {
    private let total: Int
    private let label: String
    /// How the count of failed jobs is labelled ("failed"; "refused" for files).
    private let failureLabel: String
    private let isTerminal: Bool
    private let start = ContinuousClock.now  // determinism: ok (wall-clock progress outside any simulation)
    private var done = 0
    private var failed = 0
    private var lastDraw = ContinuousClock.now  // determinism: ok (wall-clock progress outside any simulation)
    private var lastTenth = 0
    private let lock = NSLock()

    init(total: Int, label: String, quiet: Bool = false, failureLabel: String = "failed") {
        self.total = total
        self.label = label
        self.failureLabel = failureLabel
        isTerminal = !quiet && isatty(2) == 1
        if quiet { lastTenth = 11 }
    }

    /// One more job finished.
    func advance(failed isFailure: Bool) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if isFailure { failed += 1 }
        let now = ContinuousClock.now  // determinism: ok (wall-clock progress outside any simulation)
        if isTerminal {
            guard done == total || now - lastDraw >= .milliseconds(100) else { return }
            lastDraw = now
            printToStandardError("\r\u{1B}[2K" + line(now: now), newline: false)
        } else {
            let tenth = total == 0 ? 10 : done * 10 / total
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            printToStandardError(line(now: now))
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal && done > 0 { printToStandardError("") }
    }

    private func line(now: ContinuousClock.Instant) -> String {
        let elapsed = (now - start).secondsDouble
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        var text = "\(label): \(done)/\(total) (\(Int(fraction * 100))%), \(failed) \(failureLabel)"
        if isTerminal {
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            text = "[\(bar)] " + text
        }
        text += String(format: ", %.0f/s", rate)
        if done < total { text += ", ETA " + Self.format(seconds: remaining) }
        return text
    }

    static func format(seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}

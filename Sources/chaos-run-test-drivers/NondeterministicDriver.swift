import ChaosNet
import Foundation
import Scenarios

/// A driver that gives `check-determinism` something to find. Deterministic unless the environment variable
/// `CHAOSNET_TEST_NONDETERMINISM` names a counter file: then each run of the workload adds one to the number in that
/// file and lets the result leak into the run, so two runs of one seed in two processes differ. Each variant is one
/// shape of that difference, as the mismatch report tells them apart.
enum NondeterministicDriver {
    static let variable = "CHAOSNET_TEST_NONDETERMINISM"

    /// One event whose message names the run: the traces differ in one message.
    static let message: VariantName = "message"
    /// As many identical events as runs so far: the earlier run's trace ends first.
    static let length: VariantName = "length"
    /// As many yields as runs so far and no event: only the scheduling decisions, which the digest covers, differ.
    static let untraced: VariantName = "untraced"
    /// Every second run traps: that worker dies and sends back no trace.
    static let crash: VariantName = "crash"
    /// An event naming the run in the first two runs only: the traced reruns, later, agree.
    static let transient: VariantName = "transient"

    static let driver = ClosureDriver(
        name: "nondeterministic",
        summary: "A test fixture whose runs differ between processes when \(variable) names a counter file.",
        variants: [message, length, untraced, crash, transient]
    ) { world, variant in
        ClosureWorkload(perform: { _ in
            // A deterministic event first, a second into the run, so that the difference is not the trace's start.
            try? await world.clock.sleep(for: .seconds(1))
            world.simulation.trace("fixture", "slept a second")
            guard let run = nextRun() else { return nil }
            switch variant {
            case message:
                world.simulation.trace("fixture", "run \(run) of the counter file")
            case length:
                for _ in 0..<run { world.simulation.trace("fixture", "one event per run of the counter file") }
            case untraced:
                for _ in 0..<run { await Task.yield() }
            case crash where run.isMultiple(of: 2):
                fatalError("run \(run) of the counter file traps")
            case transient where run <= 2:
                world.simulation.trace("fixture", "run \(run) of the counter file")
            default:
                break
            }
            return nil
        })
    }

    /// Adds one to the counter file's number (none yet counts as 0) and returns it; nil when the variable is unset.
    /// Check-determinism runs its rounds one after another, so with `--jobs 1` no two runs race for the file.
    private static func nextRun() -> Int? {
        guard let path = ProcessInfo.processInfo.environment[variable] else { return nil }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let run = (Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) + 1
        do {
            try String(run).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            fatalError("cannot write the counter file \(path) named by \(variable): \(error)")
        }
        return run
    }
}

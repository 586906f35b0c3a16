import Foundation

/// Wall time of each job of a phase, from the moment the executor started it to the moment its outcome came back:
/// the only wall-clock figure of a report (`wall_seconds`). Touched from the executor's threads.
final class JobWallClock: @unchecked Sendable {
    private let lock = NSLock()
    private let clock = ContinuousClock()  // determinism: ok (wall time for reports, outside any simulation)
    private var starts: [ContinuousClock.Instant?]
    private var elapsed: [Double]

    init(count: Int) {
        starts = Array(repeating: nil, count: count)
        elapsed = Array(repeating: 0, count: count)
    }

    func begin(_ index: Int) {
        let now = clock.now
        lock.lock()
        defer { lock.unlock() }
        starts[index] = now
    }

    func end(_ index: Int) {
        let now = clock.now
        lock.lock()
        defer { lock.unlock() }
        if let start = starts[index] { elapsed[index] = (now - start).secondsDouble }
    }

    var seconds: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return elapsed
    }
}

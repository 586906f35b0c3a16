/// The lines a simulated CI job printed, in order; shared by the job's task and the workload that reads it after.
final class CacheJobLog: @unchecked Sendable {
    private(set) var lines: [String] = []

    func append(_ line: String) {
        lines.append(line)
    }
}

/// What one simulated job did, as the workload checks it afterwards.
struct CacheJobRecord: Sendable {
    /// The step the job is in: `replay`, `put` or `after_script`; at a kill, where the kill landed.
    var phase = "replay"
    var putOutcome: String?
    var getOutcome: String?
    var timedOut = false
    var killedByRunner = false
    var failure: (any Error)?
    var putStarted: Duration?
    var ended: Duration?
    var postgresFailure: String?
    var blockLogError: String?
}

/// A box a job's own task and its watchdogs share on the simulation's thread.
final class CacheJobState: @unchecked Sendable {
    var record = CacheJobRecord()
    var cancel: (() -> Void)?
}

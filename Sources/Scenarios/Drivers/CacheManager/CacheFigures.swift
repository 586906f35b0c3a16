import ChaosNet
import Triage

/// The figures of one cache seed: what the put and the get did, the jobs' times, and the saving job's NFS operations.
enum CacheFigures {
    static func make(
        savingJob: CacheJobRecord, restoringJob: CacheJobRecord, nfsOperations: SimFileSystem.StorageOperationCounts,
        hddServer: Bool, replay: Duration, legacy: Bool, savingLog: [String]
    ) -> SeedFigures {
        var figures = SeedFigures()
        // Why a save fell back to the runner's cache, from the warnings the manager printed.
        for line in savingLog {
            if line.contains("unavailable: caching locally") { figures.count("put_fallback", "nfs_unavailable") }
            if line.hasPrefix("Warning: Failed to push to NFS cache:") {
                let cause = line.contains("No space left on device") ? "nfs_enospc"
                    : line.contains("Input/output error") ? "nfs_eio" : "nfs_write_failed"
                figures.count("put_fallback", cause)
            }
        }
        let put: String
        if savingJob.putStarted == nil {
            put = "not_reached"
        } else if let outcome = savingJob.putOutcome {
            put = outcome
        } else if savingJob.timedOut {
            put = "killed_by_timeout"
        } else {
            put = savingJob.killedByRunner ? "killed_by_runner" : "failed"
        }
        figures.count("put", put)
        figures.count("get", restoringJob.getOutcome ?? "not_run")
        figures.count("jobs", savingJob.timedOut ? "timed_out_in_\(savingJob.phase)" : "within_timeout")
        figures.count("server", hddServer ? "hdd" : "ssd")
        if legacy { figures.count("restored_key", "legacy") }
        for (name, count) in nfsOperations.nonZero { figures.count("nfs_operations", name, by: count) }
        figures.record("replay_seconds", replay.secondsDouble)
        if let started = savingJob.putStarted, let ended = savingJob.ended {
            figures.record("saving_job_seconds", ended.secondsDouble)
            figures.record("put_and_after_script_seconds", (ended - started).secondsDouble)
        }
        if let ended = restoringJob.ended { figures.record("restoring_job_seconds", ended.secondsDouble) }
        return figures
    }
}

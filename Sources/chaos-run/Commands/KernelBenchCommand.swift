import ArgumentParser
import ChaosBenchmarks
import Foundation

struct KernelBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Benchmarks the simulation kernel: timer wakeups per second and memory for many sleeping tasks.",
        discussion: """
            Case timers: 100 tasks, task i sleeps N times for (1+i) ns (N = --sleeps), reporting \
            timer_wakeups_per_sec. Case tasks: --tasks tasks asleep at once, reporting peak_rss_bytes. With --peers \
            DIR, also runs DIR/simpy_timers.py and DIR/trio_timers.py on the same machine in the same run and prints \
            the ratios.
            """
    )

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case timers, tasks, all
    }

    @Option(name: .customLong("case"), help: "Which case to run: timers, tasks or all.")
    var benchCase: Case = .all

    @Option(help: "Sleeps per task in the timers case (1...10000000).")
    var sleeps: Int = 10_000

    @Option(help: "Concurrently sleeping tasks in the tasks case (1...10000000).")
    var tasks: Int = 100_000

    @Option(help: "Directory holding the peer baselines (simpy_timers.py, trio_timers.py) to run side by side.")
    var peers: String?

    @Option(help: "Sleeps per task for the SimPy baseline.")
    var simpySleeps: Int = 10_000

    @Option(help: "Sleeps per task for the Trio baseline (Trio is slow: keep it small).")
    var trioSleeps: Int = 1_000

    func validate() throws {
        guard (1...10_000_000).contains(sleeps) else { throw ValidationError("--sleeps must be in 1...10000000.") }
        guard (1...10_000_000).contains(tasks) else { throw ValidationError("--tasks must be in 1...10000000.") }
        if let peers, !FileManager.default.fileExists(atPath: peers + "/simpy_timers.py") {
            throw ValidationError("--peers \(peers): no simpy_timers.py there; pass the shared/bench directory.")
        }
    }

    func run() throws {
        var ours: Double?
        if benchCase != .tasks {
            let result = KernelBenchmarks.timers(sleepsPerTask: sleeps)
            ours = result.wakeupsPerSecond
            BenchOutput.printLine([
                "bench": "kernel", "case": "timers", "tasks": 100, "wakeups": result.wakeups,
                "wall_seconds": result.wallSeconds, "timer_wakeups_per_sec": result.wakeupsPerSecond.rounded(),
                "steps": result.steps, "outcome": result.outcome.name,
            ])
        }
        if benchCase != .timers {
            let result = KernelBenchmarks.tasks(taskCount: tasks)
            BenchOutput.printLine([
                "bench": "kernel", "case": "tasks", "tasks": result.tasks, "wakeups": result.wakeups,
                "wall_seconds": result.wallSeconds, "peak_rss_bytes": result.peakResidentBytes,
                "peak_rss_mib": (Double(result.peakResidentBytes) / 1_048_576 * 10).rounded() / 10,
                "outcome": result.outcome.name,
            ])
        }
        if let peers, let ours {
            for (script, count, peer) in [("simpy_timers.py", simpySleeps, "simpy"), ("trio_timers.py", trioSleeps, "trio")] {
                guard let line = PeerBaseline.run(script: peers + "/" + script, argument: count) else {
                    BenchOutput.printLine(["bench": "kernel", "peer": peer, "error": "could not run \(script)"])
                    continue
                }
                print(line.raw)
                BenchOutput.printLine([
                    "bench": "kernel", "case": "timers", "ratio_vs": peer,
                    "ratio": (ours / line.wakeupsPerSecond * 100).rounded() / 100,
                ])
            }
        }
    }
}

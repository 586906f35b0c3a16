import ArgumentParser
import ChaosDemo
import ChaosNet

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Runs the kernel demo (workers with timeouts and retries racing over actors) for one seed.",
        discussion: """
            Prints the seed first, then the outcome, virtual time, steps and trace digest. The same seed prints the \
            same digest every time. Exit code 0 when the simulation completes, 1 when it stops otherwise (timeout, \
            hang, step limit, violation), 2 on bad usage.
            """
    )

    @Option(help: "The seed of the simulated world (a non-negative integer).")
    var seed: UInt64 = 1

    @Option(help: "Number of workers in the pool (1...64).")
    var workers: Int = 4

    @Option(help: "Number of jobs on the board (0...100000).")
    var jobs: Int = 24

    @Flag(help: "Also print the timeline of trace events with virtual timestamps.")
    var trace = false

    func validate() throws {
        guard (1...64).contains(workers) else {
            throw ValidationError("--workers must be between 1 and 64, got \(workers).")
        }
        guard (0...100_000).contains(jobs) else {
            throw ValidationError("--jobs must be between 0 and 100000, got \(jobs).")
        }
    }

    func run() throws {
        var configuration = WorkerPoolDemo.Configuration()
        configuration.workerCount = workers
        configuration.jobCount = jobs
        let result = DemoRun.run(seed: seed, configuration: configuration)
        for line in result.summaryLines { print(line) }
        switch result.value {
        case let .success(report)?: print("result: \(report)")
        case let .failure(error)?: print("result: the workload threw \(error)")
        case nil: break
        }
        if trace {
            print("timeline:")
            print(result.trace.timeline)
        }
        if result.outcome != .completed { throw ExitCode(1) }
    }
}

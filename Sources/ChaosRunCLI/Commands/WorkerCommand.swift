import ArgumentParser
import Foundation
import Scenarios

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The worker process of `run` and `check-determinism`: reads `SweepJob`s as JSON lines on standard input and
/// answers each with one `SweepJobResult` line, until standard input ends. A trap in a seed kills only this process;
/// the parent records the seed as a `crash` and starts another worker.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Runs seeds sent as JSON lines on standard input (used by run and check-determinism).",
        shouldDisplay: false
    )

    /// Test hook: a worker traps on this seed, so that tests can check how a sweep survives a crashing seed.
    static let trapSeedVariable = "CHAOS_RUN_WORKER_TRAP_SEED"

    func run() throws {
        // Ctrl-C is the parent's to handle: it stops handing out jobs and closes our input.
        signal(SIGINT, SIG_IGN)
        let channel = LineChannel(readingFrom: 0, writingTo: 1)
        let trapSeed = ProcessInfo.processInfo.environment[Self.trapSeedVariable].flatMap { UInt64($0) }
        var runners: [String: ScenarioRunner] = [:]
        while let line = channel.readLine() {
            guard !line.isEmpty else { continue }
            let result: SweepJobResult
            do {
                let job = try WorkerCoding.decode(SweepJob.self, from: line)
                if job.seed == trapSeed {
                    fatalError("trap requested by \(Self.trapSeedVariable) for seed \(job.seed)")
                }
                result = try Self.perform(job, runners: &runners)
            } catch {
                result = .failed("\(error)")
            }
            guard channel.writeLine(WorkerCoding.encode(result)) else { return }
        }
    }

    static func perform(_ job: SweepJob, runners: inout [String: ScenarioRunner]) throws -> SweepJobResult {
        let runner: ScenarioRunner
        if let cached = runners[job.file] {
            runner = cached
        } else {
            let drivers = CLIContext.current.drivers
            let scenario = try ScenarioLoader.load(path: job.file, drivers: drivers)
            runner = try ScenarioRunner(
                scenario: scenario, drivers: drivers, file: job.file, replay: CLIContext.current.replay)
            runners[job.file] = runner
        }
        guard runner.driver.variants.contains(job.variant) else {
            throw BadInput("'\(job.variant)' is not a variant of component '\(runner.driver.name)'")
        }
        let run = runner.run(
            seed: job.seed, variant: job.variant, rerunAfter: job.rerunAfterNanoseconds.map { .nanoseconds($0) },
            reruns: job.rerunCount, traceCapacity: job.traceCapacity)
        return SweepJobResult(run, job: job)
    }
}

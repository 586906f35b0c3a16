import ArgumentParser
import ChaosNet
import Foundation
import Scenarios

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The worker process of `run` and `check-determinism`: reads jobs as JSON lines on standard input and answers each
/// with one JSON line, until standard input ends. A trap in a seed kills only this process; the parent records the
/// seed as a `crash` and starts another worker.
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
            let reply: WorkerReply
            do {
                let job = try WorkerCoding.decode(WorkerJob.self, from: line)
                if job.seed == trapSeed {
                    fatalError("trap requested by \(Self.trapSeedVariable) for seed \(job.seed)")
                }
                reply = try Self.perform(job, runners: &runners)
            } catch {
                reply = WorkerReply(record: nil, workloadSeconds: 0, rerunPassed: nil, trace: nil, error: "\(error)")
            }
            guard channel.writeLine(WorkerCoding.encode(reply)) else { return }
        }
    }

    static func perform(_ job: WorkerJob, runners: inout [String: ScenarioRunner]) throws -> WorkerReply {
        let runner: ScenarioRunner
        if let cached = runners[job.file] {
            runner = cached
        } else {
            runner = try ScenarioRunner(scenario: try ScenarioLoader.load(path: job.file))
            runners[job.file] = runner
        }
        guard let variant = ComponentVariant(rawValue: job.variant) else {
            throw BadInput("unknown variant '\(job.variant)'")
        }
        let run = runner.run(
            seed: job.seed, variant: variant, rerunAfter: job.rerunAfterNanoseconds.map { .nanoseconds($0) },
            traceCapacity: job.trace ? 1_000_000 : 0)
        return WorkerReply(
            record: run.record, workloadSeconds: run.workloadSeconds, rerunPassed: run.rerunPassed,
            trace: job.trace ? run.trace.map(\.timelineLine) : nil, error: nil)
    }
}

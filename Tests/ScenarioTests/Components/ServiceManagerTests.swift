import ChaosNet
import ChaosComponents
import Scenarios
import Testing

@Suite("ServiceManager: service creation under registry and disk faults")
struct ServiceManagerTests {
    static let faults: [FaultPlan] = [
        .readTimeoutMidTarball, .resetMidChunk, .lostBlock, .unavailableThenHealthy, .rateLimited, .notFound,
        .diskFull,
    ]

    @Test("without faults both variants create services 1 and 2 with no violations",
          arguments: ServiceManager.Variant.allCases)
    func clean(variant: ServiceManager.Variant) throws {
        let run = try runService(variant, .none)
        #expect(run.first.status == 200 && run.second.status == 200, "seed \(run.seed)")
        #expect(run.records.map(\.id) == [1, 2], "seed \(run.seed)")
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
    }

    @Test("naive fails as in the incident: a bare 500 (or a silent partial 200), a partial directory, a burned id",
          arguments: faults)
    func naive(plan: FaultPlan) throws {
        let run = try runService(.naive, plan)
        if plan == .lostBlock {
            // Silent truncation: the naive client reports success with an incomplete package.
            #expect(run.first.status == 200, "seed \(run.seed): \(run.first)")
            #expect(
                run.violations.broke(.noPartialDirectories, saying: "has CID"), "seed \(run.seed): \(run.violations)")
            return
        }
        #expect(run.first == .unhandledError, "seed \(run.seed): \(run.first)")
        #expect(run.first.body.description == "{\"error\":\"Internal Server Error\"}", "seed \(run.seed)")
        #expect(run.records.first?.escapedError != nil, "seed \(run.seed)")
        #expect(run.second.status == 200, "seed \(run.seed): \(run.second)")
        #expect(run.records.map(\.id) == [1, 2], "seed \(run.seed): the failed creation burned id 1")
        #expect(
            run.violations.broke(.noEscapedErrors, saying: "unhandled error"), "seed \(run.seed): \(run.violations)")
        #expect(run.violations.broke(.noBurnedIDs, saying: "burned ids"), "seed \(run.seed): \(run.violations)")
        #expect(run.violations.broke(.noPartialDirectories, saying: "partial service directory: /services/1"),
                "seed \(run.seed): \(run.violations)")
        #expect(run.leftoverPaths.contains("1"), "seed \(run.seed): snapshot paths are relative to /services")
    }

    @Test("robust keeps every invariant: transient faults end in success or a 503, hard ones in a 500 internal_error",
          arguments: faults)
    func robust(plan: FaultPlan) throws {
        let run = try runService(.robust, plan)
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
        #expect(run.records.allSatisfy { $0.escapedError == nil }, "seed \(run.seed)")
        #expect(run.second.status == 200, "seed \(run.seed): \(run.second)")
        #expect(!run.leftoverPaths.contains { $0.contains(".staging-") }, "seed \(run.seed): \(run.leftoverPaths)")
        switch plan {
        case .readTimeoutMidTarball, .resetMidChunk, .unavailableThenHealthy, .rateLimited:
            #expect(run.first.status == 200, "seed \(run.seed): \(run.first)")
            #expect(run.records.map(\.id) == [1, 2], "seed \(run.seed)")
            #expect(run.attempts.count == 3, "seed \(run.seed): two for the first creation, one for the second")
        case .lostBlock:
            #expect(run.first.status == 503, "seed \(run.seed): \(run.first)")
            #expect(run.first.body["type"]?.stringValue == "ipfs_download_error", "seed \(run.seed)")
            #expect(run.first.body["retry_recommended"]?.boolValue == true, "seed \(run.seed)")
            #expect(run.first.body["error"] != nil && run.first.body["message"] != nil, "seed \(run.seed)")
            #expect(run.first.body["details"]?.stringValue?.contains("X-Stream-Error") == true, "seed \(run.seed)")
            #expect(run.records.map(\.id) == [nil, 1], "seed \(run.seed): the id is not burned")
            #expect(run.attempts.count == 4, "seed \(run.seed): three attempts, then one")
        case .notFound, .diskFull:
            #expect(run.first.status == 500, "seed \(run.seed): \(run.first)")
            #expect(run.first.body["type"]?.stringValue == "internal_error", "seed \(run.seed)")
            #expect(run.first.body["retry_recommended"]?.boolValue == false, "seed \(run.seed)")
            #expect(run.records.map(\.id) == [nil, 1], "seed \(run.seed)")
            #expect(run.attempts.count == 2, "seed \(run.seed): a hard failure is not retried")
        case .none:
            break
        }
        if run.first.status != 200 {
            #expect(run.logs.count == 1 && run.logs[0].contains(run.cid), "seed \(run.seed): \(run.logs)")
        } else {
            #expect(run.logs.isEmpty, "seed \(run.seed)")
        }
    }
}

@Suite("ServiceManager: seed sweep under episodic faults")
struct ServiceManagerSweepTests {
    /// Episodic resets and 503s on the registry: correlated in time, different on every seed.
    static func episodicFaults(_ world: ComponentWorld) {
        let service = FaultTarget.service(host: "registry", port: 5001)
        world.network.addFault(Fault(
            name: "resets", kind: .resetPeer(after: .milliseconds(250)), target: service, toxicity: 0.5,
            activity: .episodes(meanGap: .seconds(5), meanDuration: .seconds(3))))
        world.network.addFault(Fault(
            name: "unavailable", kind: .httpStatus(code: 503, retryAfter: nil), target: service, toxicity: 0.5,
            activity: .episodes(meanGap: .seconds(5), meanDuration: .seconds(3))))
    }

    struct SweepRun: Sendable {
        var statuses: [Int]
        var violations: [InvariantViolation]
        var ids: [Int]
        var attemptCount: Int
    }

    /// Five robust creations in a row under the episodic faults of `seed`.
    static func sweepRun(seed: UInt64) throws -> SweepRun {
        let result = Simulation(seed: seed).run { simulation in
            let world = try ComponentWorld(simulation)
            Self.episodicFaults(world)
            let downloader = world.downloader(.robust)
            let manager = ServiceManager(
                variant: .robust, fileSystem: world.fileSystem, downloader: downloader, log: { _ in })
            let template = ServiceTemplate(name: "trader", hash: world.package.cid.description)
            var statuses: [Int] = []
            for _ in 0..<5 {
                statuses.append(await manager.handleCreate(template: template).status)
            }
            let violations = await ServiceManagerInvariants.check(
                fileSystem: world.fileSystem, servicesRoot: manager.servicesRoot, counterPath: manager.counterPath,
                records: manager.records)
            world.registry.stop()
            return SweepRun(
                statuses: statuses, violations: violations, ids: manager.records.compactMap(\.id),
                attemptCount: downloader.attempts.count)
        }
        return try unwrap(result)
    }

    @Test("robust: over seeds 1–12, five creations each, no invariant breaks and every answer is 200 or 503",
          arguments: 1...12)
    func robustSweep(seed: Int) throws {
        let run = try Self.sweepRun(seed: UInt64(seed))
        #expect(run.violations.isEmpty, "seed \(seed): \(run.violations)")
        #expect(run.statuses.allSatisfy { $0 == 200 || $0 == 503 }, "seed \(seed): \(run.statuses)")
        #expect(run.ids == (0..<run.ids.count).map { $0 + 1 }, "seed \(seed): \(run.ids)")
        #expect(run.ids.count == run.statuses.filter { $0 == 200 }.count, "seed \(seed)")
    }

    @Test("the sweep's faults bite: across the seeds, creations needed retries")
    func sweepExercisesRetries() throws {
        var retries: [UInt64: Int] = [:]
        for seed in UInt64(1)...12 {
            let run = try Self.sweepRun(seed: seed)
            retries[seed] = run.attemptCount - run.statuses.count
        }
        #expect(retries.values.filter { $0 > 0 }.count >= 3, "retries per seed: \(retries.sorted { $0.key < $1.key })")
    }
}

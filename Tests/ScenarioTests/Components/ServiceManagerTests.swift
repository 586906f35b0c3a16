import ChaosNet
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
            #expect(run.violations.contains { $0.contains("has CID") }, "seed \(run.seed): \(run.violations)")
            return
        }
        #expect(run.first == .unhandledError, "seed \(run.seed): \(run.first)")
        #expect(run.first.body.description == "{\"error\":\"Internal Server Error\"}", "seed \(run.seed)")
        #expect(run.records.first?.escapedError != nil, "seed \(run.seed)")
        #expect(run.second.status == 200, "seed \(run.seed): \(run.second)")
        #expect(run.records.map(\.id) == [1, 2], "seed \(run.seed): the failed creation burned id 1")
        #expect(run.violations.contains { $0.hasPrefix("unhandled error") }, "seed \(run.seed): \(run.violations)")
        #expect(run.violations.contains { $0.hasPrefix("burned ids") }, "seed \(run.seed): \(run.violations)")
        #expect(run.violations.contains { $0.hasPrefix("partial service directory: /services/1") },
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

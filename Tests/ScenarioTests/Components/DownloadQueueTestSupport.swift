import ChaosNet
import ChaosComponents
import Scenarios
import Testing

/// Records what fetch functions saw; touched only from the simulation's thread.
final class FetchRecorder: @unchecked Sendable {
    var calls: [(hash: String, time: Duration)] = []

    var times: [Duration] { calls.map(\.time) }
    func times(of hash: String) -> [Duration] { calls.filter { $0.hash == hash }.map(\.time) }
}

enum DownloadQueueFixture {
    static let validClaim = Array(#"{"name": "claim", "tags": [1, 2.5e3, true, null], "nested": {"a": "\u00e9"}}"#.utf8)
    static let invalidClaim = Array("<html>gateway error</html>".utf8)

    struct NetworkReset: Error {}

    /// Runs `body` in a simulation with `seed`, checks that it completed with no task left over, and returns its value.
    static func simulate<Value: Sendable>(
        seed: UInt64, _ body: @escaping @Sendable (Simulation) async throws -> Value
    ) throws -> Value {
        let result = Simulation(seed: seed).run(body)
        #expect(result.outcome == .completed, "seed \(seed)")
        #expect(result.unfinishedTaskCount == 0, "seed \(seed)")
        return try #require(result.value, "seed \(seed)").get()
    }

    /// A fetch that records each call and answers from `respond`, which may sleep on the clock or throw.
    static func fetch(
        clock: SimClock, recorder: FetchRecorder,
        respond: @escaping @Sendable (String) async throws -> [UInt8]
    ) -> DownloadQueue<SimClock>.Fetch {
        { hash in
            recorder.calls.append((hash, clock.now.offset))
            return try await respond(hash)
        }
    }

    /// The description of the error `operation` throws, or "no error".
    static func errorText(_ operation: () async throws -> Void) async -> String {
        do {
            try await operation()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static func open(
        _ variant: DownloadQueueVariant, settings: DownloadQueueSettings, fileSystem: SimFileSystem,
        clock: SimClock, fetch: @escaping DownloadQueue<SimClock>.Fetch
    ) async throws -> DownloadQueue<SimClock> {
        try await DownloadQueue.open(
            variant: variant, settings: settings, fileSystem: fileSystem, clock: clock, epoch: .epoch, fetch: fetch)
    }

    /// Makes the next matching operation fail and crash the machine at that moment, as a power loss would.
    static func crashAt(
        _ fileSystem: SimFileSystem, _ operation: SimFileSystem.OperationKind, under pathPrefix: String,
        skipCount: Int = 0
    ) {
        fileSystem.injectFailure(
            [operation], pathPrefix: pathPrefix, error: .ioError(message: "power lost"), skipCount: skipCount,
            fireCountMax: 1)
        fileSystem.onFailureInjected = { _, _, _ in fileSystem.crash() }
    }
}

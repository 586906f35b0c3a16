import ChaosNet
import ChaosComponents
import Scenarios
import Testing

@Suite("Downloader: naive and robust IPFS package downloads under faults")
struct DownloaderTests {
    @Test(
        "without faults both variants extract exactly the package, in one attempt",
        arguments: IPFSDownloader.Variant.allCases)
    func cleanDownload(variant: IPFSDownloader.Variant) throws {
        let run = try runDownload(variant, .none)
        #expect(run.thrown == nil, "seed \(run.seed)")
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
        #expect(run.attempts.count == 1, "seed \(run.seed)")
        #expect(run.registryRequests == 1, "seed \(run.seed)")
    }

    @Test("read timeout mid-tarball: naive escapes a raw read timeout and leaves a partial tree")
    func naiveReadTimeout() throws {
        let run = try runDownload(.naive, .readTimeoutMidTarball)
        let thrown = run.thrown ?? "nothing thrown"
        #expect(
            thrown.hasPrefix("HTTPClientError: ") && thrown.hasSuffix("(read timeout)"), "seed \(run.seed): \(thrown)")
        #expect(run.downloadError == nil, "seed \(run.seed): the naive variant must not wrap errors")
        #expect(
            run.violations.broke(.noPartialDirectories, saying: "partial download"),
            "seed \(run.seed): \(run.violations)")
    }

    @Test("read timeout mid-tarball: robust times out after 30 s, backs off, succeeds on attempt 2, no leftovers")
    func robustReadTimeout() throws {
        let run = try runDownload(.robust, .readTimeoutMidTarball)
        #expect(run.thrown == nil, "seed \(run.seed): \(run.thrown ?? "")")
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
        #expect(run.attempts.count == 2, "seed \(run.seed): \(run.attempts)")
        #expect(run.attempts.first?.error?.reason == .network, "seed \(run.seed)")
        let delay = try #require(run.attempts.last?.delayBefore)
        #expect(delay >= .seconds(4) && delay < .seconds(5), "seed \(run.seed): backoff \(delay)")
        #expect(run.elapsed >= .seconds(34), "seed \(run.seed): \(run.elapsed)")
    }

    @Test("reset mid-chunk: naive escapes connectionReset; robust retries once and completes")
    func resetMidChunk() throws {
        let naive = try runDownload(.naive, .resetMidChunk)
        #expect(naive.thrown == "HTTPClientError: connection reset by peer", "seed \(naive.seed)")
        #expect(naive.violations.broke(.noPartialDirectories, saying: "partial download"), "seed \(naive.seed)")
        let robust = try runDownload(.robust, .resetMidChunk)
        #expect(robust.thrown == nil, "seed \(robust.seed): \(robust.thrown ?? "")")
        #expect(robust.violations.isEmpty, "seed \(robust.seed): \(robust.violations)")
        #expect(robust.attempts.count == 2, "seed \(robust.seed): \(robust.attempts)")
    }

    @Test("clean tar end after a mid-stream error: naive accepts the truncated package silently")
    func naiveSilentTruncation() throws {
        let run = try runDownload(.naive, .lostBlock)
        #expect(run.thrown == nil, "seed \(run.seed): the naive client notices nothing")
        #expect(
            run.violations.broke(.noPartialDirectories, saying: "partial download"),
            "seed \(run.seed): \(run.violations)")
    }

    @Test("clean tar end after a mid-stream error: robust sees X-Stream-Error, retries 3 times, leaves nothing")
    func robustRejectsTruncation() throws {
        let run = try runDownload(.robust, .lostBlock)
        #expect(run.downloadError?.kind == .transient, "seed \(run.seed): \(run.thrown ?? "nothing thrown")")
        #expect(run.downloadError?.reason == .streamError, "seed \(run.seed)")
        #expect(run.downloadError?.attemptCount == 3, "seed \(run.seed)")
        #expect(run.attempts.count == 3 && run.registryRequests == 3, "seed \(run.seed)")
        let delays = run.attempts.map(\.delayBefore)
        #expect(delays[0] == .zero, "seed \(run.seed): \(delays)")
        #expect(delays[1] >= .seconds(4) && delays[1] < .seconds(5), "seed \(run.seed): \(delays)")
        #expect(delays[2] >= .seconds(8) && delays[2] <= .seconds(9), "seed \(run.seed): \(delays)")
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
    }

    @Test("503 then healthy: naive fails at once; robust succeeds on the second attempt")
    func unavailableThenHealthy() throws {
        let naive = try runDownload(.naive, .unavailableThenHealthy)
        let thrown = naive.thrown ?? ""
        #expect(thrown.hasPrefix("HTTPStatusError: HTTP 503"), "seed \(naive.seed): \(thrown)")
        let robust = try runDownload(.robust, .unavailableThenHealthy)
        #expect(robust.thrown == nil, "seed \(robust.seed): \(robust.thrown ?? "")")
        #expect(robust.attempts.map { $0.error?.status } == [503, nil], "seed \(robust.seed)")
        #expect(robust.violations.isEmpty, "seed \(robust.seed): \(robust.violations)")
    }

    @Test("429 with Retry-After 7: robust waits at least 7 s (more than its 4-5 s backoff) and then succeeds")
    func rateLimited() throws {
        let run = try runDownload(.robust, .rateLimited)
        #expect(run.thrown == nil, "seed \(run.seed): \(run.thrown ?? "")")
        #expect(run.attempts.count == 2, "seed \(run.seed)")
        #expect(run.attempts.first?.error?.retryAfter == .seconds(7), "seed \(run.seed)")
        #expect(run.attempts.last?.delayBefore == .seconds(7), "seed \(run.seed): \(run.attempts)")
        #expect(run.elapsed >= .seconds(7), "seed \(run.seed): \(run.elapsed)")
        #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
    }

    @Test("404: robust never retries a hard failure and leaves nothing", arguments: IPFSDownloader.Variant.allCases)
    func notFound(variant: IPFSDownloader.Variant) throws {
        let run = try runDownload(variant, .notFound)
        #expect(run.registryRequests == 1, "seed \(run.seed)")
        #expect(run.attempts.count == 1, "seed \(run.seed)")
        switch variant {
        case .naive:
            #expect(run.thrown?.hasPrefix("HTTPStatusError: HTTP 404") == true, "seed \(run.seed)")
        case .robust:
            #expect(run.downloadError?.kind == .hard && run.downloadError?.status == 404, "seed \(run.seed)")
            #expect(run.violations.isEmpty, "seed \(run.seed): \(run.violations)")
        }
    }

    @Test("disk full: naive escapes ENOSPC with a partial tree; robust fails hard once and removes its staging")
    func diskFull() throws {
        let naive = try runDownload(.naive, .diskFull)
        #expect(naive.thrown?.hasPrefix("FileSystemError: ENOSPC") == true, "seed \(naive.seed): \(naive.thrown ?? "")")
        #expect(naive.violations.broke(.noPartialDirectories, saying: "partial download"), "seed \(naive.seed)")
        let robust = try runDownload(.robust, .diskFull)
        #expect(robust.downloadError?.reason == .fileSystem, "seed \(robust.seed): \(robust.thrown ?? "")")
        #expect(robust.downloadError?.kind == .hard, "seed \(robust.seed)")
        #expect(robust.attempts.count == 1, "seed \(robust.seed)")
        #expect(robust.violations.isEmpty, "seed \(robust.seed): \(robust.violations)")
    }

    @Test("the same seed gives the same attempts and timings")
    func deterministic() throws {
        let first = try runDownload(.robust, .lostBlock, seed: 7)
        let second = try runDownload(.robust, .lostBlock, seed: 7)
        #expect(first.attempts == second.attempts, "seed 7")
        #expect(first.elapsed == second.elapsed, "seed 7")
    }
}

@Suite("Downloader: retry state machine")
struct DownloadRetryMachineTests {
    let transient = DownloadError(kind: .transient, reason: .network, details: "reset")

    @Test("three attempts with 4 s and 8 s backoff plus jitter, then the error with the attempt count")
    func backoff() {
        var machine = DownloadRetryMachine(policy: DownloadRetryPolicy())
        #expect(machine.start() == .attempt(number: 1, after: .zero))
        #expect(machine.attemptFailed(transient, retryAfter: nil, unit: 0) == .attempt(number: 2, after: .seconds(4)))
        #expect(machine.attemptFailed(transient, retryAfter: nil, unit: 0.5)
            == .attempt(number: 3, after: .milliseconds(8_500)))
        var expected = transient
        expected.attemptCount = 3
        #expect(machine.attemptFailed(transient, retryAfter: nil, unit: 0) == .fail(expected))
    }

    @Test("the backoff is capped at 10 s; Retry-After above the cap is honoured, above retryAfterMax it ends")
    func capAndRetryAfter() {
        var machine = DownloadRetryMachine(policy: DownloadRetryPolicy(attemptCountMax: 5))
        _ = machine.start()
        _ = machine.attemptFailed(transient, retryAfter: nil, unit: 0.99)
        _ = machine.attemptFailed(transient, retryAfter: nil, unit: 0.99)
        #expect(
            machine.attemptFailed(transient, retryAfter: nil, unit: 0.99) == .attempt(number: 4, after: .seconds(10)))
        #expect(machine.attemptFailed(transient, retryAfter: .seconds(30), unit: 0)
            == .attempt(number: 5, after: .seconds(30)))
        var other = DownloadRetryMachine(policy: DownloadRetryPolicy())
        _ = other.start()
        guard case .fail = other.attemptFailed(transient, retryAfter: .seconds(61), unit: 0) else {
            Issue.record("a Retry-After beyond retryAfterMax must end the retries")
            return
        }
    }

    @Test("a hard error is never retried")
    func hard() {
        var machine = DownloadRetryMachine(policy: DownloadRetryPolicy())
        _ = machine.start()
        let hard = DownloadError(kind: .hard, reason: .httpStatus, details: "404", status: 404)
        #expect(machine.attemptFailed(hard, retryAfter: nil, unit: 0) == .fail(hard))
        #expect(machine.attemptCount == 1)
    }
}

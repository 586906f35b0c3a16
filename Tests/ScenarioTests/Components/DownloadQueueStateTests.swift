import ChaosComponents
import Scenarios
import Testing

@Suite("Download queue state machine, JSON check and store format")
struct DownloadQueueStateTests {
    @Test("the JSON rule accepts objects only, and rejects malformed or too deep input", arguments: [
        (#"{}"#, true),
        (#" {"a": [1, -0.5, 2E+3, "x\n\u12aF", {"b": null}], "c": false} "#, true),
        (#"[1, 2]"#, false),
        (#""just a string""#, false),
        (#"{"a": 1,}"#, false),
        (#"{"a": 01}"#, false),
        (#"{"a": "unterminated}"#, false),
        (#"{"a": 1} trailing"#, false),
        ("{\"a\": \"tab\there\"}", false),
        ("", false),
        (String(repeating: "{\"a\":", count: 64) + "1" + String(repeating: "}", count: 64), true),
        (String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65), false),
    ])
    func jsonRule(text: String, accepted: Bool) {
        #expect(JSONChecker.isJSONObject(Array(text.utf8)) == accepted, "\(text)")
    }

    @Test("an attempt is persisted before its fetch, and enqueue is idempotent")
    func attemptPersistedBeforeFetch() {
        var state = DownloadQueueState(settings: DownloadQueueSettings(), variant: .robust)
        #expect(state.enqueue("QmA") == [.persist])
        #expect(state.enqueue("QmA") == [])
        #expect(state.startNextDownload(now: .seconds(7)) == [.persist, .fetch(hash: "QmA")])
        #expect(state.entry(for: "QmA")?.status == .downloading)
        #expect(state.entry(for: "QmA")?.downloadAttempts == 1)
        #expect(state.startNextDownload(now: .seconds(8)) == [])
        #expect(state.fetchFailed(hash: "QmA", type: .soft, reason: "IPFSTimeout", now: .seconds(37)) == [.persist])
        #expect(state.startNextDownload(now: .seconds(96)) == [])
        #expect(state.startNextDownload(now: .seconds(97)) == [.persist, .fetch(hash: "QmA")])
    }

    @Test("the store format round-trips, and a torn store is an error, not an empty queue")
    func storeFormat() throws {
        let entries = [
            DownloadQueueEntry(ipfsFileHash: "QmA"),
            DownloadQueueEntry(
                ipfsFileHash: "QmB", lastDownloadAttemptTime: .milliseconds(1529048118138), downloadAttempts: 1,
                failureType: .hard, failureReason: "INVALID_JSON", status: .failed),
        ]
        let bytes = DownloadQueueCodec.encode(entries)
        #expect(try DownloadQueueCodec.decode(bytes, path: "/q") == entries)
        #expect(throws: DownloadQueueError.corruptStore(path: "/q", line: 3, reason: "truncated line")) {
            try DownloadQueueCodec.decode(Array(bytes.dropLast(4)), path: "/q")
        }
        let noHeader = DownloadQueueError.corruptStore(
            path: "/q", line: 1, reason: #"expected the header "chaosnet-download-queue 1""#)
        #expect(throws: noHeader) {
            try DownloadQueueCodec.decode([], path: "/q")
        }
    }
}

import Testing
import Uploader

@Suite("Upload retry policy")
struct UploadRetryPolicyTests {
    @Test("backoff doubles from the base up to the cap, scaled by half to all of it by the jitter")
    func backoff() {
        let policy = UploadRetryPolicy(backoffBase: .seconds(1), backoffCap: .seconds(8))
        #expect(policy.backoff(afterAttempt: 1, jitter: 0) == .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 2, jitter: 0.999_999) < .seconds(2))
        #expect(policy.backoff(afterAttempt: 3, jitter: 0) == .seconds(2))
        #expect(policy.backoff(afterAttempt: 10, jitter: 0) == .seconds(4))
    }

    @Test("the index round-trips and refuses a line that is not 'name size'")
    func indexFormat() throws {
        let index = UploadIndex(entries: ["b": 2, "a": 10])
        #expect(String(decoding: index.encoded, as: UTF8.self) == "a 10\nb 2\n")
        #expect(try UploadIndex.decode(index.encoded) == index)
        #expect(throws: UploadIndexError(line: 2, text: "b")) { try UploadIndex.decode(Array("a 1\nb\n".utf8)) }
    }
}

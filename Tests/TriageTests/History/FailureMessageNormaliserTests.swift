import Testing
@testable import Triage

struct FailureMessageNormaliserTests {
    let normaliser = FailureMessageNormaliser()

    @Test("what varies between runs becomes a placeholder", arguments: [
        ("Read timed out after 5012 ms", "Read timed out after <duration>"),
        ("took 1.5s (limit 1s)", "took <duration> (limit <duration>)"),
        ("at 2024-05-01T12:00:03.25Z the lock was held", "at <time> the lock was held"),
        ("object at 0x7ffe3a2b1c00 freed", "object at <address> freed"),
        ("java.lang.Object@1b6d3586 != java.lang.Object@4554617c", "java.lang.Object@<hex> != java.lang.Object@<hex>"),
        ("id 123e4567-e89b-12d3-a456-426614174000 unknown", "id <id> unknown"),
        ("cannot open /tmp/junit8843/data.bin: no space", "cannot open <path>: no space"),
        ("panicked at tests/basic.rs:23:5:", "panicked at <path>:<n>:<n>:"),
        ("expected: <1> but was: <2>", "expected: <<n>> but was: <<n>>"),
        ("  two\n  lines  ", "two lines"),
    ])
    func placeholders(message: String, normalised: String) {
        #expect(normaliser.normalise(message) == normalised)
    }

    @Test func namesWithDigitsAndRatiosKeepTheirShape() {
        // Digits inside identifiers are part of the name (Issue256Test, test_7); "a/b" is not a path.
        #expect(normaliser.normalise("Issue256Test.test_7 failed: a/b") == "Issue256Test.test_7 failed: a/b")
    }

    @Test func twoRunsOfOneCauseGetOneSignature() {
        let first = JUnitAttempt(outcome: .errored, source: .testcase, message: "Read timed out after 5012 ms",
                                 type: "java.net.SocketTimeoutException", line: 3)
        var second = first
        second.message = "Read timed out after 4998 ms"
        var other = first
        other.outcome = .failed
        other.type = nil
        other.message = "AssertionError: expected 3 but was 4"
        let signatures = FailureSignature.group(
            [("a.xml", first), ("b.xml", second), ("c.xml", other)], normaliser: normaliser
        )
        #expect(signatures.map(\.id) == [
            "errored:java.net.SocketTimeoutException: Read timed out after <duration>",
            "failed:AssertionError: expected <n> but was <n>",
        ])
        #expect(signatures.map(\.count) == [2, 1])
        #expect(signatures[0].firstSeen == "a.xml:3")
        #expect(signatures[0].example == "Read timed out after 5012 ms")
    }

    @Test func aMessageWithoutALeadingTypeNamesNone() {
        #expect(normaliser.leadingType(of: "expected: <1> but was: <2>") == nil)
        #expect(normaliser.leadingType(of: "java.io.IOException: closed") == "java.io.IOException")
        #expect(normaliser.leadingType(of: "AttributeError: 'dict' object") == "AttributeError")
    }
}

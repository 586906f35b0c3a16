import Foundation

/// One way a test failed: the outcome class (failure or error, kept apart as the facts sheet advises), the error
/// type, and the normalised message. A test can have several (36% of FlakeFlagger's flaky tests failed with 2 to 5
/// exception types).
public struct FailureSignature: Sendable, Equatable, Codable {
    /// `failed` or `errored`.
    public var outcome: JUnitAttempt.Outcome
    /// The `type=` attribute, or the type the message starts with; "" when neither names one.
    public var type: String
    /// The message after `FailureMessageNormaliser`; "" when the file gave none.
    public var message: String
    /// Failed attempts with this signature.
    public var count: Int
    /// The first such attempt's message as written (first line, at most 200 characters), to show a person.
    public var example: String
    /// `file:line` of the first such attempt.
    public var firstSeen: String
    /// `outcome:type: message`, e.g. `errored:java.net.SocketTimeoutException: Read timed out after <duration>`.
    public var id: String

    public init(
        outcome: JUnitAttempt.Outcome, type: String, message: String, count: Int, example: String, firstSeen: String
    ) {
        self.outcome = outcome
        self.type = type
        self.message = message
        self.count = count
        self.example = example
        self.firstSeen = firstSeen
        id = "\(outcome.rawValue):\(type): \(message)"
    }

    /// The failed attempts' signatures, most frequent first, then by id. Each attempt is a (path, attempt) pair.
    public static func group(
        _ failures: [(path: String, attempt: JUnitAttempt)], normaliser: FailureMessageNormaliser
    ) -> [FailureSignature] {
        var signatures: [FailureSignature] = []
        var indexOfKey: [String: Int] = [:]
        for (path, attempt) in failures where attempt.outcome.isFailure {
            let written = writtenMessage(attempt)
            var type = attempt.type?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var message = written
            if type.isEmpty, let leading = normaliser.leadingType(of: written) {
                type = leading
            }
            // "AssertionError: x" with type AssertionError: the type is a field of its own, not part of the message.
            if !type.isEmpty, message.hasPrefix(type + ":") {
                message = String(message.dropFirst(type.count + 1))
            }
            let signature = FailureSignature(
                outcome: attempt.outcome, type: type, message: normaliser.normalise(message), count: 1,
                example: String(written.prefix(200)), firstSeen: "\(path):\(attempt.line)"
            )
            if let index = indexOfKey[signature.id] {
                signatures[index].count += 1
            } else {
                indexOfKey[signature.id] = signatures.count
                signatures.append(signature)
            }
        }
        return signatures.sorted { ($1.count, $0.id) < ($0.count, $1.id) }
    }

    /// The `message=` attribute, or the first non-empty line of the element's text when it has none.
    private static func writtenMessage(_ attempt: JUnitAttempt) -> String {
        if let message = attempt.message, !message.allSatisfy(\.isWhitespace) {
            return String(message.split(whereSeparator: \.isNewline).first ?? "")
                .trimmingCharacters(in: .whitespaces)
        }
        let line = attempt.text?.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        return line.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
    }

    enum CodingKeys: String, CodingKey {
        case id, outcome, type, message, count, example
        case firstSeen = "first_seen"
    }
}

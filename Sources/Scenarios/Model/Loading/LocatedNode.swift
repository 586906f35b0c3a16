import Foundation
import Yams

/// A node of a scenario file's YAML tree, with the file and position every error about it must report, and typed
/// readers that turn the node into a value or into such an error.
///
/// Decoding by hand over these, rather than with `Codable`, is what lets every message point at the offending node.
public struct LocatedNode {
    let node: Node
    public let path: String
    /// What the node is in the file's terms ("seeds", "item of delays"), for messages.
    public let label: String
    public let line: Int
    public let column: Int

    /// `fallback` gives the position for nodes that have no mark of their own.
    init(_ node: Node, path: String, label: String, fallback: (line: Int, column: Int) = (1, 1)) {
        self.node = node
        self.path = path
        self.label = label
        self.line = node.mark?.line ?? fallback.line
        self.column = node.mark?.column ?? fallback.column
    }

    public func error(_ message: String) -> ScenarioFileError {
        ScenarioFileError(path: path, line: line, column: column, message: message)
    }

    /// A child node: list items and mapping values report their own position, or this node's without one.
    func child(_ node: Node, label: String) -> LocatedNode {
        LocatedNode(node, path: path, label: label, fallback: (line, column))
    }

    /// Whether the node is an empty value (`key:` with nothing after it, `~`, `null`), which counts as absent.
    public var isNull: Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return node.null != nil
    }

    /// How the node looks, for "expected …, got …" messages.
    public var summary: String {
        switch node {
        case let .scalar(scalar): isNull ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Whether the scalar was written without quotes, which is what makes `3` an integer and `"3"` a string.
    private var isPlainScalar: Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.style == .plain || scalar.style == .any
    }

    // MARK: Scalars

    /// The text of a non-empty scalar; `expected` completes "expected … , got …".
    public func scalarText(expected: String) throws(ScenarioFileError) -> String {
        guard case let .scalar(scalar) = node, !isNull else { throw error("expected \(expected), got \(summary)") }
        return scalar.string
    }

    public func string() throws(ScenarioFileError) -> String {
        let text = try scalarText(expected: "a string for '\(label)'")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("'\(label)' must not be empty")
        }
        return text
    }

    /// A name made for command lines and reports: lower-case letters, digits and dashes, starting with a letter or
    /// a digit.
    public func identifier() throws(ScenarioFileError) -> String {
        let text = try scalarText(expected: "a name for '\(label)'")
        guard let first = text.first, first.isLowercaseASCIILetterOrDigit,
              text.allSatisfy({ $0.isLowercaseASCIILetterOrDigit || $0 == "-" })
        else {
            throw error("'\(label)' must match [a-z0-9][a-z0-9-]* (lower-case letters, digits, dashes), got '\(text)'")
        }
        return text
    }

    /// A YAML integer written in decimal, within `range`. Quoted numbers, fractions, `0x…` and YAML 1.1's octal
    /// `010` are refused rather than guessed at.
    public func integer(in range: ClosedRange<Int>) throws(ScenarioFileError) -> Int {
        let text = try scalarText(expected: "an integer for '\(label)'")
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !isPlainScalar, Int(text) != nil {
            throw error("expected an integer for '\(label)', got the quoted string '\(text)'; write numbers unquoted")
        }
        guard isPlainScalar, !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit),
              digits == "0" || digits.first != "0", let value = Int(text)
        else { throw error("expected an integer for '\(label)', got '\(text)'") }
        guard range.contains(value) else {
            throw error("'\(label)' must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
        return value
    }

    public func duration() throws(ScenarioFileError) -> Duration {
        let expected = "a duration like 90s, 5m or 250ms"
        let text = try scalarText(expected: expected)
        guard let duration = DurationText.parse(text) else { throw error("expected \(expected), got '\(text)'") }
        return duration
    }

    /// A duration that must be longer than zero (timeouts, limits, mean lengths).
    public func positiveDuration() throws(ScenarioFileError) -> Duration {
        let duration = try duration()
        guard duration > .zero else { throw error("'\(label)' must be longer than 0, got \(summary)") }
        return duration
    }

    public func byteSize(in range: ClosedRange<Int> = 0...Int.max) throws(ScenarioFileError) -> Int {
        let expected = "a size like 4MiB, 512KiB, 10MB or 100B"
        let text = try scalarText(expected: expected)
        guard let bytes = ByteSizeText.parse(text) else { throw error("expected \(expected), got '\(text)'") }
        guard range.contains(bytes) else {
            throw error("'\(label)' must be in \(range.lowerBound)...\(range.upperBound) bytes, got \(bytes)")
        }
        return bytes
    }

    /// A rate in bytes per second, greater than zero: a zero rate would stall every byte for ever.
    public func byteRate() throws(ScenarioFileError) -> Int {
        let expected = "a rate like 2MiB/s or 100KB/s"
        let text = try scalarText(expected: expected)
        guard let rate = ByteRateText.parse(text) else { throw error("expected \(expected), got '\(text)'") }
        guard rate > 0 else { throw error("'\(label)' must be greater than 0, got '\(text)'") }
        return rate
    }

    public func probability() throws(ScenarioFileError) -> Double {
        let expected = "a probability in 0...1 or a percentage like 5%"
        let text = try scalarText(expected: expected)
        guard let probability = ProbabilityText.parse(text) else {
            throw error("expected \(expected) for '\(label)', got '\(text)'")
        }
        return probability
    }

    // MARK: Collections

    /// The items of a list; `itemLabel` names them in messages.
    public func list(itemLabel: String? = nil) throws(ScenarioFileError) -> [LocatedNode] {
        guard case let .sequence(sequence) = node else { throw error("expected a list for '\(label)', got \(summary)") }
        let itemLabel = itemLabel ?? "item of \(label)"
        return sequence.map { child($0, label: itemLabel) }
    }

    /// The node as a mapping whose keys must all be in `allowedKeys` (nil: the caller checks them).
    public func mapping(_ context: String, allowedKeys: [String]?) throws(ScenarioFileError) -> LocatedMapping {
        let mapping = try LocatedMapping(self, context: context)
        if let allowedKeys { try mapping.rejectUnknownKeys(allowed: allowedKeys) }
        return mapping
    }
}

extension Character {
    var isLowercaseASCIILetterOrDigit: Bool { ("a"..."z").contains(self) || isASCIIDigit }
}

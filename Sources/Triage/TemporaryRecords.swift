// Temporary copies of the types the triage branch defines; removed when it merges.
public enum FailureKind: String, Codable, Sendable, CaseIterable { case transient, damaging, hang, timeout, crash, violation }
public struct SeedFailure: Codable, Sendable, Equatable {
    public var kind: FailureKind
    public var signature: String
    public var summary: String
    public var detail: String
    public init(kind: FailureKind, signature: String, summary: String, detail: String) {
        self.kind = kind; self.signature = signature; self.summary = summary; self.detail = detail
    }
}
public struct SeedRecord: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var failure: SeedFailure?
    public var virtualSeconds: Double
    public var digest: String
    public var passed: Bool { failure == nil }
    public init(seed: UInt64, failure: SeedFailure?, virtualSeconds: Double, digest: String) {
        self.seed = seed; self.failure = failure; self.virtualSeconds = virtualSeconds; self.digest = digest
    }
}

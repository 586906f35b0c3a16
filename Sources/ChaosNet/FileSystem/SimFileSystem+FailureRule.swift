extension SimFileSystem {
    /// A fault as data: which operations under which path fail, with what, and how often.
    ///
    /// Rules are consulted in the order they were added and the first that fires wins. A rule counts the operations
    /// it matches; the first `skipCount` pass untouched, then each further match fires with `probability` (drawn from
    /// the file system's injected generator) until it has fired `fireCountMax` times. "The third write fails with
    /// ENOSPC" is `skipCount: 2, fireCountMax: 1`.
    public struct FailureRule: Sendable, Equatable {
        /// Issued by `injectFailure`, in order; names the rule for `removeFailureRule(id:)`.
        public internal(set) var id: Int
        /// The operation kinds the rule applies to (membership only; never iterated).
        public var operations: Set<OperationKind>
        /// A normalised path; the rule matches operations on it or below it (whole components).
        public var pathPrefix: String
        /// What a matching operation throws when the rule fires.
        public var error: InjectedError
        /// How many matching operations pass before the rule may fire.
        public var skipCount: Int
        /// Nil for no limit.
        public var fireCountMax: Int?
        /// The chance that an eligible match fires (1 fires every time and draws nothing).
        public var probability: Double
        /// How many operations matched so far.
        public internal(set) var matchCount = 0
        /// How many times the rule fired so far.
        public internal(set) var fireCount = 0

        /// Whether the rule still can fire.
        public var isExhausted: Bool { fireCountMax.map { fireCount >= $0 } ?? false }

        func matches(_ kind: OperationKind, paths: [String]) -> Bool {
            operations.contains(kind) && paths.contains { FileSystemPath.isPrefix(pathPrefix, of: $0) }
        }
    }

    /// The most rules a file system holds at once; more is a scenario bug, not a fault plan.
    public static let failureRuleCountMax = 1024

    /// Adds a rule that makes matching operations fail; returns its id.
    @discardableResult
    public func injectFailure(
        _ operations: Set<OperationKind>, pathPrefix: String = "/", error: InjectedError, skipCount: Int = 0,
        fireCountMax: Int? = nil, probability: Double = 1
    ) -> Int {
        precondition(!operations.isEmpty, "a failure rule needs at least one operation kind")
        precondition(skipCount >= 0 && (fireCountMax ?? 0) >= 0, "negative rule counts")
        precondition(probability >= 0 && probability <= 1, "probability outside 0...1")
        precondition(probability == 1 || random != nil, "a probabilistic rule needs a random generator at init")
        precondition(failureRules.count < Self.failureRuleCountMax, "too many failure rules")
        guard let prefix = try? FileSystemPath.normalize(pathPrefix) else {
            preconditionFailure("invalid failure rule path prefix: \(pathPrefix)")
        }
        let rule = FailureRule(
            id: nextFailureRuleID, operations: operations, pathPrefix: prefix, error: error, skipCount: skipCount,
            fireCountMax: fireCountMax, probability: probability)
        nextFailureRuleID += 1
        failureRules.append(rule)
        return rule.id
    }

    /// Removes the rule with `id`, if it is still there.
    public func removeFailureRule(id: Int) {
        failureRules.removeAll { $0.id == id }
    }

    /// Removes every rule (the healed phase of a scenario).
    public func removeAllFailureRules() {
        failureRules.removeAll()
    }

    /// Throws the error of the first rule that fires for this operation, after counting it in every matching rule.
    func consultFailureRules(
        _ kind: OperationKind, paths: [String], bytes: Int = 0
    ) throws(FileSystemError) {
        try passDiskChange(kind, paths: paths)
        var fired: FileSystemError?
        for index in failureRules.indices where failureRules[index].matches(kind, paths: paths) {
            failureRules[index].matchCount += 1
            let rule = failureRules[index]
            guard fired == nil, rule.matchCount > rule.skipCount, !rule.isExhausted else { continue }
            if rule.probability < 1, drawUnitInterval() >= rule.probability { continue }
            failureRules[index].fireCount += 1
            fired = rule.error.error(path: paths[0], needed: bytes, available: availableBytes)
        }
        guard let fired else { return }
        counters.injectedFailures += 1
        onFailureInjected?(kind, paths[0], fired)
        throw fired
    }

    /// A uniform draw in [0, 1) from the injected generator, built from 53 random bits so that the mapping cannot
    /// change between toolchains.
    private func drawUnitInterval() -> Double {
        guard random != nil else { preconditionFailure("a probabilistic rule needs a random generator") }
        return Double(random!.next() >> 11) * 0x1p-53
    }
}

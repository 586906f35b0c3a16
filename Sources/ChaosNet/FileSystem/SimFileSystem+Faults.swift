extension SimFileSystem {
    /// Adds a `operationError` fault to the file system's plan — matching operations under `pathPrefix` throw
    /// `error` — and returns its name. The first `skipCount` matches pass; then each further match fails with
    /// `probability` (drawn per operation) until the fault has failed `fireCountMax` times. "The third write fails
    /// with ENOSPC" is `skipCount: 2, fireCountMax: 1`. Faults are consulted in the order they were added and the
    /// first that fires wins.
    @discardableResult
    public func injectFailure(
        _ operations: Set<OperationKind>, pathPrefix: String = "/", error: InjectedError, skipCount: Int = 0,
        fireCountMax: Int? = nil, probability: Double = 1, activity: FaultActivity = .always
    ) -> String {
        let name = "failure-rule-\(nextFailureRuleNumber)"
        nextFailureRuleNumber += 1
        let failing = FileSystemFaultKind.FailingOperations(
            operations, pathPrefix: pathPrefix, error: error, skipCount: skipCount, fireCountMax: fireCountMax)
        faultPlan.add(FileSystemFault(name: name, kind: .operationError(failing), toxicity: probability,
                                      activity: activity))
        return name
    }

    /// Removes the named fault (from `injectFailure` or the world's plan), if it is still there.
    public func removeFailureRule(named name: String) {
        faultPlan.remove(named: name)
    }

    /// Removes every file-system fault of the plan (the healed phase of a scenario).
    public func removeAllFailureRules() {
        faultPlan.removeAllFileSystemFaults()
    }

    /// Asks the plan about this operation (after counting it for crash points) and throws what it decides.
    func consultFailureRules(
        _ kind: OperationKind, paths: [String], bytes: Int = 0
    ) throws(FileSystemError) {
        guard !faultsSuspended else { return }
        try passDiskChange(kind, paths: paths)
        guard case let .fail(error, _) = faultPlan.fileSystemDecision(
            kind, paths: paths, bytes: bytes, available: availableBytes)
        else { return }
        counters.injectedFailures += 1
        onFailureInjected?(kind, paths[0], error)
        throw error
    }

    /// The latency profile of this operation: a `slowMetadata` fault's while one acts, else the file system's own.
    func currentLatency() -> Latency {
        faultsSuspended ? latency : faultPlan.fileSystemLatency() ?? latency
    }
}

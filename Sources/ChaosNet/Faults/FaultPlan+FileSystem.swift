/// What the fault plan says about one file-system operation.
enum FileSystemDecision {
    case proceed
    /// The `operationError` fault `fault` fails the operation with `error`.
    case fail(FileSystemError, by: String)
}

extension FaultPlan {
    /// Decides one operation of `kind` on `paths`, which asks for `bytes` of space with `available` free. Every active
    /// `operationError` fault that matches counts the match; the first one that is past its skip count, not
    /// exhausted, and draws its toxicity (per operation) fails the operation.
    func fileSystemDecision(
        _ kind: SimFileSystem.OperationKind, paths: [String], bytes: Int, available: @autoclosure () -> Int
    ) -> FileSystemDecision {
        guard !fileSystemFaults.isEmpty else { return .proceed }
        let now = nowNanoseconds
        var decision = FileSystemDecision.proceed
        for fault in fileSystemFaults {
            guard case let .operationError(failing) = fault.kind, failing.matches(kind, paths: paths),
                  schedule(of: fault).isActive(at: now)
            else { continue }
            let counts = operationCounts(ofFault: fault.name)
            let eligible = counts.matched >= failing.skipCount && failing.fireCountMax.map { counts.fired < $0 } ?? true
            guard case .proceed = decision, eligible, drawToxicity(fault.toxicity, of: fault.name) else {
                countMatch(of: fault.name, fired: false)
                continue
            }
            countMatch(of: fault.name, fired: true)
            // The free space is looked up only for the error that needs it, not on every operation.
            let error = failing.error.error(path: paths[0], needed: bytes, available: available())
            trace("\(fault.name) (operation_error) fails \(kind) \(paths.joined(separator: " → ")): \(error)")
            decision = .fail(error, by: fault.name)
        }
        return decision
    }

    /// A `diskFull` fault's capacity while one of its periods is active.
    typealias DiskLimit = (bytes: Int, fault: FileSystemFault, period: (start: Int64, end: Int64))

    /// The smallest capacity an active `diskFull` fault allows now, with that fault; nil when none is active.
    func diskCapacityLimit() -> DiskLimit? {
        guard !fileSystemFaults.isEmpty else { return nil }
        let now = nowNanoseconds
        var limit: DiskLimit?
        for fault in fileSystemFaults {
            guard case let .diskFull(capacity) = fault.kind, let period = schedule(of: fault).activePeriod(at: now),
                  capacity < (limit?.bytes ?? .max)
            else { continue }
            limit = (capacity, fault, period)
        }
        return limit
    }

    /// A write found the disk full because of a `diskFull` fault (traced once per active period).
    func recordDiskFull(by limit: DiskLimit, path: String) {
        traceDiskFiring(limit.fault, period: limit.period, "fills the disk at \(limit.bytes) B (first at \(path))")
    }

    /// The latency profile of the first active `slowMetadata` fault that draws its toxicity for this operation, nil
    /// when none does (the file system's own profile applies).
    func fileSystemLatency() -> SimFileSystem.Latency? {
        guard !fileSystemFaults.isEmpty else { return nil }
        let now = nowNanoseconds
        for fault in fileSystemFaults {
            guard case let .slowMetadata(latency) = fault.kind, let period = schedule(of: fault).activePeriod(at: now),
                  drawToxicity(fault.toxicity, of: fault.name)
            else { continue }
            traceDiskFiring(fault, period: period, "slows the file system")
            return latency
        }
        return nil
    }

    /// How long an operation starting now waits for the device: until the end of the active `stall` episode that
    /// ends last, zero when none acts.
    func fileSystemStall() -> Duration {
        guard !fileSystemFaults.isEmpty else { return .zero }
        let now = nowNanoseconds
        var end = now
        for fault in fileSystemFaults {
            guard case .stall = fault.kind, let period = schedule(of: fault).activePeriod(at: now) else { continue }
            traceDiskFiring(fault, period: period, "stalls the disk")
            end = max(end, period.end)
        }
        return .nanoseconds(end - now)
    }

    /// The next period of power loss that ends after `time` — the earliest among the `powerLoss` faults — with the
    /// fault's name; nil when power is never lost again. A period that contains `time` is returned whole.
    public func nextPowerLoss(after time: Duration) -> (fault: String, start: Duration, end: Duration)? {
        let nanoseconds = time.nanosecondsClamped
        var next: (fault: String, start: Duration, end: Duration)?
        for fault in fileSystemFaults {
            guard case .powerLoss = fault.kind, let period = schedule(of: fault).nextPeriod(after: nanoseconds)
            else { continue }
            if next.map({ period.start < $0.start.nanosecondsClamped }) ?? true {
                next = (fault.name, .nanoseconds(period.start), .nanoseconds(period.end))
            }
        }
        return next
    }

    /// The world cut the power as the named `powerLoss` fault said.
    public func recordPowerLoss(by fault: String) {
        trace("\(fault) (crash) cuts the power")
    }
}

import ChaosNet

/// The component machine's power: lost at the start of each active period of the scenario's `crash` faults (and back
/// at its end), or — in a crash-point run — at one disk-changing operation (and back a second later). A power loss
/// crashes the file system (what was not durable is gone) and stops the component's process; the driver then waits
/// for the power and starts the component again on the same disk. Only drivers with `restartsAfterPowerLoss` use it.
extension ScenarioWorld {
    /// One power loss: when it happened and when the machine is back, in virtual time since the start, and the
    /// operation it struck in a crash-point run.
    public struct PowerLoss: Sendable, Equatable {
        public var start: Duration
        public var end: Duration
        public var operation: String?
    }

    /// Where the power is lost in a seed.
    public enum PowerLossPlan: Sendable, Equatable, Hashable {
        /// As the scenario's `crash` faults schedule it.
        case scheduled
        /// Only at the `n`-th disk-changing operation, or (nil) never: a crash-point run, and the run that counts
        /// the operations.
        case crashPoint(Int?)
    }

    /// How long the machine stays down after a crash-point power loss.
    public static let crashPointDowntime = Duration.seconds(1)

    /// How many times power was lost so far: an error a process saw after the count changed is a consequence of the
    /// loss, not something the component let escape.
    public var powerLossCount: Int { powerLossCountValue }

    /// Arms the next power loss before `deadline` for the process `stop` stops: the next scheduled one (if it starts
    /// before `deadline`) and, in a crash-point run, the crash point. Whichever comes first crashes the file system,
    /// runs `stop` once, and is then available from `takePowerLoss()`.
    public func armPowerLoss(before deadline: SimClock.Instant, stop: @escaping () -> Void) {
        armedStop = stop
        let now = simulation.now.offset
        guard followsScheduledPowerLosses, let next = faultPlan.nextPowerLoss(after: now),
              SimClock.Instant(offset: next.start) < deadline
        else { return }
        let lossNumber = powerLossCountValue
        _ = simulation.schedule(at: SimClock.Instant(offset: max(next.start, now))) { [weak self] in
            // A crash point may have struck first; this period's loss then belongs to a process that is already gone.
            guard let self, self.powerLossCountValue == lossNumber else { return }
            self.faultPlan.recordPowerLoss(by: next.fault)
            self.fileSystem.crash()
            self.recordPowerLoss(PowerLoss(start: self.simulation.now.offset, end: next.end, operation: nil))
        }
    }

    /// The power loss since the last `armPowerLoss`, nil when the process ended without one.
    public func takePowerLoss() -> PowerLoss? {
        defer { untakenPowerLoss = nil }
        return untakenPowerLoss
    }

    /// The operation a crash point struck, if one did.
    public var crashPointOperation: String? { struckOperation }

    /// A crash point struck (the file system has crashed already).
    func losePower(at operation: String) {
        struckOperation = operation
        let now = simulation.now.offset
        recordPowerLoss(PowerLoss(start: now, end: now + Self.crashPointDowntime, operation: operation))
    }

    private func recordPowerLoss(_ loss: PowerLoss) {
        powerLossCountValue += 1
        untakenPowerLoss = loss
        simulation.trace("workload", "power lost" + (loss.operation.map { " at \($0)" } ?? ""))
        let stop = armedStop
        armedStop = nil
        stop?()
    }
}

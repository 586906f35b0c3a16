/// A continuation registered as a named wait point, so that a hang report can say what a stuck task waits on.
///
/// Obtained from `Simulation.wait(on:_:)`. Resume it exactly once, on the simulation's thread; resuming from another
/// thread is reported as a determinism violation.
public struct SimContinuation<Value: Sendable, Failure: Error>: Sendable {
    private let continuation: UnsafeContinuation<Value, Failure>
    private let scheduler: SimulationScheduler
    private let waitID: Int

    init(continuation: UnsafeContinuation<Value, Failure>, scheduler: SimulationScheduler, waitID: Int) {
        self.continuation = continuation
        self.scheduler = scheduler
        self.waitID = waitID
    }

    public func resume(returning value: sending Value) {
        scheduler.endWait(waitID)
        continuation.resume(returning: value)
    }

    public func resume(throwing error: Failure) {
        scheduler.endWait(waitID)
        continuation.resume(throwing: error)
    }
}

extension SimContinuation where Value == Void {
    public func resume() { resume(returning: ()) }
}

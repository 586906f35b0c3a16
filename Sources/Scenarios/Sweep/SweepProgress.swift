/// Receives a sweep's progress: one phase for the seeds, one for the reruns that measure q(d). Called from the
/// executor's threads, one call at a time.
public protocol SweepProgress: Sendable {
    /// A phase of `total` jobs starts (`label`: "seeds" or "reruns").
    func begin(_ label: String, total: Int)
    /// One job of the phase finished; `failed` when its seed (or rerun) failed.
    func advance(failed: Bool)
    /// The phase is over.
    func finish()
}

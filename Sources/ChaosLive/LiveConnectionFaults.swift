/// What the fault plan does to a listener's connections as they are accepted: a `down` fault refuses them, and
/// `reset_peer` faults reset them later. The control API's listener has none.
struct LiveConnectionFaults {
    /// The name of the `down` fault that refuses a new connection now (it is then reset), or nil.
    var refusal: () -> String?
    /// The `reset_peer` bookkeeping of a new connection, arranging later resets with the listener's timers.
    var peerResets: (_ arrange: @escaping LivePeerResets.Arrange) -> LivePeerResets?

    static var none: LiveConnectionFaults { LiveConnectionFaults(refusal: { nil }, peerResets: { _ in nil }) }
}

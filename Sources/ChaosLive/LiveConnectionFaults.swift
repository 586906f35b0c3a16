/// What the fault plan does to a listener's connections as they are accepted: a `down` fault refuses them, and the
/// network faults shape what they carry. The control API's listener has none.
struct LiveConnectionFaults {
    /// The name of the `down` fault that refuses a new connection now (it is then reset), or nil.
    var refusal: () -> String?
    /// The network faults of a new connection, arranging later effects with the listener's timers.
    var shaper: (_ connection: LiveSocketConnection, _ arrange: @escaping LiveConnectionShaper.Arrange)
        -> LiveConnectionShaper?

    static var none: LiveConnectionFaults { LiveConnectionFaults(refusal: { nil }, shaper: { _, _ in nil }) }
}

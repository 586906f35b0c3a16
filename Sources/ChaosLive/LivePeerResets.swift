import ChaosCore
import ChaosNet

/// Applies the plan's `reset_peer` faults to one real connection: before bytes move either way it asks the plan,
/// resets the socket (RST) when a reset is due, and hands a later one to the listener's timers, so that an idle
/// connection is reset on time too, as a simulated one is.
///
/// Not thread-safe: use on live mode's serial executor.
final class LivePeerResets: @unchecked Sendable {
    typealias Arrange = (_ after: Duration, _ action: @escaping () -> Void) -> Void

    private let plan: FaultPlan
    private let clock: LiveFaultClock
    private let state: LiveConnectionFaultState
    private let arrange: Arrange

    init(plan: FaultPlan, clock: LiveFaultClock, client: String, service: Endpoint, arrange: @escaping Arrange) {
        self.plan = plan
        self.clock = clock
        self.state = LiveConnectionFaultState(client: client, service: service, openedAt: clock.faultTimeNanoseconds)
        self.arrange = arrange
    }

    /// Resets `connection` and throws `connectionReset` when a reset is due before bytes move in `direction`.
    func check(_ direction: FaultDirection, on connection: LiveSocketConnection) throws {
        guard let reset = plan.livePeerReset(on: state, direction: direction) else { return }
        let now = clock.faultTimeNanoseconds
        guard reset.at > now else {
            fire(reset, on: connection)
            throw NetworkError.connectionReset
        }
        arrange(clock.wallDuration(.nanoseconds(reset.at - now))) { [weak connection, self] in
            guard let connection, connection.isActive else { return }
            fire(reset, on: connection)
        }
    }

    private func fire(_ reset: LivePeerReset, on connection: LiveSocketConnection) {
        plan.traceLivePeerReset(reset, on: state, connection: "conn#\(connection.id)")
        connection.reset()
    }
}

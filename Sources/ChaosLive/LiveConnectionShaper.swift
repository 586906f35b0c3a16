import ChaosCore
import ChaosNet

/// Applies the plan's network faults to one real connection, asking the plan the simulated segment's question
/// before bytes move either way: held while a `clog`, `hold` or `partition` lasts, swallowed by a `timeout`, cut at
/// a `limit_data`, paced by `bandwidth` and `slicer` (the sender waits, as on a full link), delayed by `latency`
/// (in flight: the sender does not wait for it, as on a real link), reset by a `reset_peer` (at once, or on the
/// listener's timers when it is due later, so an idle connection goes on time), and its FIN delayed by a
/// `slow_close`.
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveConnectionShaper: @unchecked Sendable {
    typealias Arrange = (_ after: Duration, _ action: @escaping () -> Void) -> Void

    private let plan: FaultPlan
    private let clock: LiveFaultClock
    private var state: LiveConnectionFaultState!
    /// Bytes moved so far, per direction, for `limit_data`.
    private var moved: [FaultDirection: Int] = [:]

    /// - Parameter arrange: runs an action after a wall duration (the listener's timers).
    init(
        plan: FaultPlan, clock: LiveFaultClock, client: String, service: Endpoint,
        connection: LiveSocketConnection, arrange: @escaping Arrange
    ) {
        self.plan = plan
        self.clock = clock
        state = LiveConnectionFaultState(
            client: client, service: service, label: "conn#\(connection.id) \(client)→\(service)", plan: plan,
            random: { [clock] name in clock.random(name) },
            arrange: { [clock] after, action in arrange(clock.wallDuration(after), action) },
            reset: { [weak connection, clock] reason in
                guard let connection, connection.isActive else { return }
                clock.trace("network", "conn#\(connection.id) reset (\(reason))")
                connection.reset()
            },
            close: { [weak connection, clock] reason in
                guard let connection, connection.isActive else { return }
                clock.trace("network", "conn#\(connection.id) closed (\(reason))")
                connection.close()
            })
    }

    /// Moves `bytes` in `direction` as the faults say, handing each piece to `deliver` once it is on the link, with
    /// the wall time it then takes to arrive (latency and jitter).
    func move(
        _ bytes: ArraySlice<UInt8>, _ direction: FaultDirection, on connection: LiveSocketConnection,
        deliver: (_ piece: ArraySlice<UInt8>, _ inFlight: Duration) async throws -> Void
    ) async throws {
        var rest = bytes
        while !rest.isEmpty {
            let conditions = plan.liveSegmentConditions(on: state, direction: direction)
            switch conditions.gate {
            case let .reset(reason):
                clock.trace("network", "conn#\(connection.id) reset (\(reason))")
                connection.reset()
                throw NetworkError.connectionReset
            case .hold:
                try await pause(connection)
                continue
            case .open:
                break
            }
            if conditions.droppedBy != nil { return }  // A black hole: these bytes never arrive.
            var size = min(rest.count, conditions.segmentSize ?? .max)
            let sent = moved[direction, default: 0]
            if let limit = conditions.limitData { size = min(size, max(0, limit - sent)) }
            let onTheLink = conditions.transmitTime(size)
                + (conditions.segmentSize == nil ? .zero : conditions.sliceDelay)
            if onTheLink > .zero { try await connection.sleep(clock.wallDuration(onTheLink)) }
            let inFlight = clock.wallDuration(conditions.latency + jitter(conditions.jitterMax))
            if size > 0 { try await deliver(rest.prefix(size), inFlight) }
            moved[direction] = sent + size
            rest = rest.dropFirst(size)
            if let limit = conditions.limitData, sent + size >= limit {
                clock.trace("network", "conn#\(connection.id) closed (limit_data after \(limit) bytes)")
                connection.close()
                throw NetworkError.connectionClosed
            }
        }
    }

    /// How long the FIN waits (`slow_close` faults active now on the service's side).
    func slowCloseDelay() -> Duration {
        clock.wallDuration(plan.liveSegmentConditions(on: state, direction: .downstream).slowCloseDelay)
    }

    private func jitter(_ max: Duration) -> Duration {
        guard max > .zero else { return .zero }
        let bound = Int(clamping: max.nanosecondsClamped)
        return .nanoseconds(clock.random("network.jitter").uniform(below: bound + 1))
    }

    private func pause(_ connection: LiveSocketConnection) async throws {
        try await connection.sleep(LiveSocketConnection.pollInterval)
    }
}

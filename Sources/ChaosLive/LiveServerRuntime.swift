import ChaosCore
import ChaosNet

/// The HTTP exchange loop's runtime in live mode: faults' delays and stalls last their scenario duration times the
/// time scale on the real clock, and an endless stall holds until the client goes away or the control API removes
/// or disables the fault.
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveServerRuntime: HTTPServerRuntime, @unchecked Sendable {
    private let clock: LiveFaultClock
    private let faults: LiveFaultSet
    /// How often an endless stall looks at its connection and at the fault (wall time).
    static let holdPollInterval = Duration.milliseconds(50)

    init(clock: LiveFaultClock, faults: LiveFaultSet) {
        self.clock = clock
        self.faults = faults
    }

    func sleep(for duration: Duration, on connection: any HTTPServerConnection) async throws {
        let end = ContinuousClock.now + clock.wallDuration(duration)
        // In slices, so that a client that gave up (or a server stopping) does not leave the task asleep.
        while ContinuousClock.now < end {
            try Self.checkActive(connection)
            // Live mode runs on the real clock by design; nothing here is a simulation.
            let slice = min(Self.holdPollInterval, ContinuousClock.now.duration(to: end))
            try await Task.sleep(for: slice)  // determinism: ok
        }
    }

    private static func checkActive(_ connection: any HTTPServerConnection) throws {
        if let socket = connection as? LiveSocketConnection, !socket.isActive { throw NetworkError.connectionClosed }
    }

    func holdIndefinitely(_ connection: any HTTPServerConnection, fault: String) async throws {
        while faults.isEnabled(fault) {
            if let socket = connection as? LiveSocketConnection, !socket.isActive {
                clock.trace("fault", "\(fault): conn#\(socket.id)'s client went away during the stall")
                throw NetworkError.connectionClosed
            }
            // Live mode polls the real socket on the real clock.
            try await Task.sleep(for: Self.holdPollInterval)  // determinism: ok
        }
        clock.trace("fault", "\(fault) no longer listed: the stalled body goes on")
    }

    func trace(_ source: String, _ message: String) {
        clock.trace(source, message)
    }
}

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
    init(clock: LiveFaultClock, faults: LiveFaultSet) {
        self.clock = clock
        self.faults = faults
    }

    func sleep(for duration: Duration, on connection: any HTTPServerConnection) async throws {
        try await socket(connection).sleep(clock.wallDuration(duration))
    }

    /// Every connection live mode serves is a real socket.
    private func socket(_ connection: any HTTPServerConnection) -> LiveSocketConnection {
        guard let socket = connection as? LiveSocketConnection else {
            preconditionFailure("live mode serves real sockets only, got \(type(of: connection))")
        }
        return socket
    }

    func holdIndefinitely(_ connection: any HTTPServerConnection, fault: String) async throws {
        let socket = socket(connection)
        while faults.isEnabled(fault) {
            do {
                try await socket.sleep(LiveSocketConnection.pollInterval)
            } catch NetworkError.connectionClosed {
                clock.trace("fault", "\(fault): conn#\(socket.id)'s client went away during the stall")
                throw NetworkError.connectionClosed
            }
        }
        clock.trace("fault", "\(fault) no longer listed: the stalled body goes on")
    }

    func trace(_ source: String, _ message: String) {
        clock.trace(source, message)
    }
}

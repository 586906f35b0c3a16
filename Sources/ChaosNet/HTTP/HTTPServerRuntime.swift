/// Where an HTTP server's time and trace come from: the simulation's virtual clock and trace, or in live mode the
/// wall clock (scaled) and a log.
public protocol HTTPServerRuntime: AnyObject, Sendable {
    /// Waits `duration` of the scenario's time (a fault's delay or stall) before writing to `connection`; on a real
    /// socket the peer going away ends the wait early with an error.
    func sleep(for duration: Duration, on connection: any HTTPServerConnection) async throws
    /// Holds `connection`'s response for ever, for the stall fault named `fault` (a stall with no end). In a
    /// simulation only cancellation ends the wait (it throws); on a real socket the peer going away ends it with an
    /// error, and the fault's removal by the control API ends it normally, so the body goes on.
    func holdIndefinitely(_ connection: any HTTPServerConnection, fault: String) async throws
    /// Records an event (`http` for the server's own, `fault` for a firing).
    func trace(_ source: String, _ message: String)
}

/// The simulation as an HTTP server's runtime.
final class SimHTTPServerRuntime: HTTPServerRuntime, @unchecked Sendable {
    private unowned let simulation: Simulation

    init(_ simulation: Simulation) {
        self.simulation = simulation
    }

    func sleep(for duration: Duration, on connection: any HTTPServerConnection) async throws {
        try await simulation.clock.sleep(for: duration)
    }

    func holdIndefinitely(_ connection: any HTTPServerConnection, fault: String) async throws {
        try await SimWaiter<Void>(simulation).wait(
            on: "body stalled by fault \(fault)", timeoutError: { CancellationError() })
    }

    func trace(_ source: String, _ message: String) {
        simulation.trace(source, message)
    }
}

import ChaosNet
import Testing

/// Runs `body` in a simulation with a network of two hosts, `client` and `server`, and a listener on server:80.
func runNetwork<Value: Sendable>(
    seed: UInt64 = 1,
    link: LinkConditions = LinkConditions(latency: .milliseconds(10)),
    faults: [Fault] = [],
    timeLimit: Duration = .seconds(3600),
    timerWakeups: TimerWakeups = .oneAtATime,
    _ body: @escaping @Sendable (Simulation, SimNetwork, SimListener) async throws -> Value
) -> SimulationResult<Value> {
    let simulation = Simulation(
        seed: seed, configuration: SimulationConfiguration(timeLimit: timeLimit, timerWakeups: timerWakeups))
    return simulation.run { simulation in
        let network = SimNetwork(simulation, defaultLink: link)
        network.addHost("client")
        network.addHost("server")
        for fault in faults { network.addFault(fault) }
        let listener = try network.listen(host: "server", port: 80)
        return try await body(simulation, network, listener)
    }
}

/// Reads until end of stream, recording the size and arrival time of every piece.
func drain(_ connection: SimConnection, clock: SimClock, timeout: Duration? = nil) async throws
    -> (bytes: [UInt8], pieces: [(size: Int, at: SimClock.Instant)])
{
    var bytes: [UInt8] = []
    var pieces: [(Int, SimClock.Instant)] = []
    while true {
        let piece = if let timeout {
            try await connection.read(timeout: timeout)
        } else {
            try await connection.read()
        }
        guard let piece else { break }
        bytes.append(contentsOf: piece)
        pieces.append((piece.count, clock.now))
    }
    return (bytes, pieces)
}

/// Deterministic test bytes: 0, 1, 2, … 250, 0, 1, …
func pattern(_ count: Int) -> [UInt8] {
    // Built from whole cycles: a per-byte map is slow for 64 MiB in a debug build.
    let cycle = (0..<251).map { UInt8($0) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count + cycle.count <= count { bytes.append(contentsOf: cycle) }
    bytes.append(contentsOf: cycle.prefix(count - bytes.count))
    return bytes
}

extension SimulationResult {
    /// The root's value, or a recorded issue naming the outcome.
    func valueOrRecord(sourceLocation: SourceLocation = #_sourceLocation) -> Value? {
        switch value {
        case let .success(value)?: return value
        case let .failure(error)?:
            Issue.record("root threw \(error) (seed \(seed))", sourceLocation: sourceLocation)
        case nil:
            Issue.record("outcome \(outcome.summary) (seed \(seed))", sourceLocation: sourceLocation)
        }
        return nil
    }
}

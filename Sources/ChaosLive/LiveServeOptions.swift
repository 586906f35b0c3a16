/// How `chaos-run serve` runs a scenario's services.
public struct LiveServeOptions: Sendable, Equatable {
    /// The seed the fault plan draws episodes and toxicity from.
    public var seed: UInt64
    /// The address to listen on; loopback unless `allowNonLoopback`.
    public var host: String
    /// The registry's port; 0 picks a free one (printed in the ready line).
    public var port: Int
    /// The control API's port; 0 picks a free one.
    public var controlPort: Int
    /// Wall seconds per scenario second: 0.01 plays the scenario's durations (episodes, stalls, delays) 100 times
    /// faster.
    public var timeScale: Double
    /// Whether a host other than a loopback address may be used.
    public var allowNonLoopback: Bool

    public init(
        seed: UInt64 = 1, host: String = "127.0.0.1", port: Int = 5001, controlPort: Int = 8474,
        timeScale: Double = 1, allowNonLoopback: Bool = false
    ) {
        self.seed = seed
        self.host = host
        self.port = port
        self.controlPort = controlPort
        self.timeScale = timeScale
        self.allowNonLoopback = allowNonLoopback
    }

    /// The loopback addresses `host` may be without `allowNonLoopback`.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    /// Why the options cannot be used, nil when they can.
    public var problem: String? {
        if !allowNonLoopback, !Self.loopbackHosts.contains(host) {
            return "--host \(host) is not a loopback address (127.0.0.1, ::1, localhost); a fault-injecting server "
                + "is for tests on this machine: pass --allow-non-loopback to listen there anyway"
        }
        if !(0...65535).contains(port) { return "--port \(port) is not a port number (0–65535)" }
        if !(0...65535).contains(controlPort) {
            return "--control-port \(controlPort) is not a port number (0–65535)"
        }
        if port != 0, port == controlPort { return "--port and --control-port must differ (both are \(port))" }
        if !(timeScale > 0 && timeScale <= 1000) {
            return "--time-scale \(timeScale) is out of range: expected a number above 0 and at most 1000"
        }
        return nil
    }
}

import ChaosComponents
import ChaosNet

/// Reads `workload.egress:` into an `EgressConfig`; every key is optional, and a value out of range is refused with
/// its line and column.
enum EgressConfigDecoder {
    static let keys = [
        "rate", "burst", "body", "range_fraction", "client_timeout", "receipt_size", "run_for", "drain",
        "final_power_loss", "memory_budget", "stack_size", "batch_size", "permits", "queue", "queue_wait",
    ]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> EgressConfig {
        var config = EgressConfig()
        guard let node else { return config }
        let mapping = try node.mapping("egress", allowedKeys: keys)
        if let rate = mapping.value("rate") {
            config.load.arrivalsPerSecond = Double(try rate.integer(in: 1...1_000_000))
        }
        if let burst = mapping.value("burst") {
            let fields = try burst.mapping("burst", allowedKeys: ["factor", "activity"])
            let factor = try fields.required("factor").integer(in: 1...1000)
            let activity = try FaultActivityDecoder.decode(fields.required("activity"))
            config.load.burst = LoadProfile.Burst(factor: Double(factor), activity: activity)
        }
        if let body = mapping.value("body") {
            let fields = try body.mapping("body", allowedKeys: ["median", "sigma", "cap"])
            let median = try fields.required("median").byteSize(in: 1...(1 << 30))
            let sigmaNode = try fields.required("sigma")
            let sigmaText = try sigmaNode.scalarText(expected: "a number from 0 to 4")
            guard let sigma = Double(sigmaText), (0...4).contains(sigma) else {
                throw sigmaNode.error("expected a number from 0 to 4 for 'sigma', got \(sigmaNode.summary)")
            }
            let cap = try fields.value("cap")?.byteSize(in: median...(1 << 30)) ?? max(median, 256 << 10)
            config.load.bodySize = BodySizeDistribution(median: median, sigma: sigma, cap: cap)
        }
        if let fraction = mapping.value("range_fraction") { config.load.rangeFraction = try fraction.probability() }
        if let timeout = mapping.value("client_timeout") { config.load.clientTimeout = try timeout.positiveDuration() }
        if let sizes = mapping.value("receipt_size") {
            let fields = try sizes.mapping("receipt_size", allowedKeys: ["min", "max"])
            let low = try fields.required("min").byteSize(in: 256...(1 << 20))
            let high = try fields.required("max").byteSize(in: low...(1 << 20))
            config.receiptSize = low...high
        }
        if let runFor = mapping.value("run_for") { config.runFor = try runFor.positiveDuration() }
        if let drain = mapping.value("drain") { config.drain = try drain.duration() }
        if let finalLoss = mapping.value("final_power_loss") {
            let text = try finalLoss.scalarText(expected: "true or false")
            guard let value = Bool(text) else {
                throw finalLoss.error("expected true or false for 'final_power_loss', got \(finalLoss.summary)")
            }
            config.finalPowerLoss = value
        }
        if let budget = mapping.value("memory_budget") { config.memoryBudget = try budget.byteSize(in: 1...Int.max) }
        if let stack = mapping.value("stack_size") {
            config.settings.stackBytes = try stack.byteSize(in: 0...(1 << 20))
        }
        if let batch = mapping.value("batch_size") {
            config.settings.maxBatchBytes = try batch.byteSize(in: 1...(1 << 30))
        }
        if let permits = mapping.value("permits") { config.settings.permits = try permits.integer(in: 1...100_000) }
        if let queue = mapping.value("queue") { config.settings.queueCapacity = try queue.integer(in: 0...1_000_000) }
        if let wait = mapping.value("queue_wait") { config.settings.maxQueueWait = try wait.positiveDuration() }
        return config
    }
}

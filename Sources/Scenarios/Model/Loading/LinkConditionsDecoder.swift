import ChaosNet

/// Reads link conditions (`default_link:` and the entries of `links:`) into `LinkConditions`.
enum LinkConditionsDecoder {
    static let keys = ["latency", "jitter", "bandwidth", "connect_latency"]

    /// Keys the mapping leaves out keep `base`'s values. `bandwidth: unlimited` removes a limit `base` has.
    static func decode(_ mapping: LocatedMapping, base: LinkConditions) throws(ScenarioFileError) -> LinkConditions {
        var conditions = base
        if let node = mapping.value("latency") { conditions.latency = try node.duration() }
        if let node = mapping.value("jitter") { conditions.jitter = try node.duration() }
        if let node = mapping.value("connect_latency") { conditions.connectLatency = try node.duration() }
        if let node = mapping.value("bandwidth") {
            if case let .scalar(scalar) = node.node, scalar.string == "unlimited" {
                conditions.bandwidthBytesPerSecond = nil
            } else {
                conditions.bandwidthBytesPerSecond = try node.byteRate()
            }
        }
        // Durations from files are never negative and rates are positive, so the initializer's checks hold.
        return LinkConditions(
            latency: conditions.latency, jitter: conditions.jitter,
            bandwidthBytesPerSecond: conditions.bandwidthBytesPerSecond, segmentSize: conditions.segmentSize,
            connectLatency: conditions.connectLatency, sendBufferSize: conditions.sendBufferSize)
    }
}

import ChaosComponents
import ChaosNet

/// Reads `workload.peers:` into a `PeerConfig`; every key is optional, and a value out of range is refused with its
/// line and column.
enum PeerConfigDecoder {
    static let keys = [
        "mode", "races", "nodes", "bootstrap_contacts", "querying_nodes", "lookups_per_node", "run_for",
        "churn_every", "downtime", "refresh_every", "ttl", "stop_grace", "faults",
    ]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> PeerConfig {
        var config = PeerConfig()
        guard let node else { return config }
        let mapping = try node.mapping("peers", allowedKeys: keys)
        if let mode = mapping.value("mode") {
            let text = try mode.string()
            guard let value = PeerConfig.Mode(rawValue: text) else {
                throw mode.error("expected races or lookup_churn for 'mode', got \(mode.summary)")
            }
            config.mode = value
        }
        if let races = mapping.value("races") {
            var cases: [PeerRaceCase] = []
            for item in try races.list(itemLabel: "race") {
                let text = try item.string()
                guard let race = PeerRaceCase(rawValue: text) else {
                    let known = PeerRaceCase.allCases.map(\.rawValue).joined(separator: ", ")
                    throw item.error("unknown race \(item.summary); expected one of \(known)")
                }
                guard !cases.contains(race) else { throw item.error("race '\(text)' is listed twice") }
                cases.append(race)
            }
            guard !cases.isEmpty else { throw races.error("expected at least one race in 'races'") }
            config.races = cases
        }
        if let nodes = mapping.value("nodes") { config.nodes = try nodes.integer(in: 2...5000) }
        if let contacts = mapping.value("bootstrap_contacts") {
            config.bootstrapContacts = try contacts.integer(in: 1...1000)
        }
        if let querying = mapping.value("querying_nodes") {
            config.queryingNodes = try querying.integer(in: 1...config.nodes)
        }
        if let lookups = mapping.value("lookups_per_node") { config.lookupsPerNode = try lookups.integer(in: 0...1000) }
        if let runFor = mapping.value("run_for") { config.runFor = try runFor.positiveDuration() }
        if let churn = mapping.value("churn_every") { config.churnEvery = try churn.positiveDuration() }
        if let downtime = mapping.value("downtime") { config.downtime = try downtime.positiveDuration() }
        if let refresh = mapping.value("refresh_every") {
            config.settings.refreshInterval = refresh.isNull ? nil : try refresh.positiveDuration()
        }
        if let ttl = mapping.value("ttl") { config.settings.connectionTTL = try ttl.positiveDuration() }
        if let grace = mapping.value("stop_grace") { config.settings.stopGracePeriod = try grace.duration() }
        if let faults = mapping.value("faults") {
            var names: Set<String> = []
            for item in try faults.list(itemLabel: "peer fault") {
                let spec = try decodeFault(item, nodes: config.nodes)
                guard names.insert(spec.fault.name).inserted else {
                    throw item.error("two peer faults are named '\(spec.fault.name)'")
                }
                config.faults.append(spec)
            }
        }
        return config
    }

    static let faultKinds = ["random_close", "stream_reset", "connect_failure", "reject_inbound", "hold_keep_alives"]

    private static func decodeFault(_ item: LocatedNode, nodes: Int) throws(ScenarioFileError) -> PeerFaultSpec {
        let fields = try item.mapping("peer fault", allowedKeys: [
            "name", "kind", "node", "probability", "cooldown", "phase", "code", "reason", "activity",
        ])
        let name = try fields.required("name").identifier()
        let kindNode = try fields.required("kind")
        let kindText = try kindNode.string()
        let kind: PeerFault.Kind
        switch kindText {
        case "random_close":
            kind = .randomClose(
                probabilityPerFrame: try fields.required("probability").probability(),
                cooldown: try fields.value("cooldown")?.duration() ?? .seconds(5))
        case "stream_reset":
            let phaseNode = try fields.required("phase")
            guard let phase = PeerFault.StreamResetPhase(rawValue: try phaseNode.string()) else {
                throw phaseNode.error(
                    "expected before_first_byte or mid_response for 'phase', got \(phaseNode.summary)")
            }
            kind = .streamReset(
                probability: try fields.required("probability").probability(), phase: phase,
                code: UInt64(try fields.value("code")?.integer(in: 0...Int(Int32.max)) ?? 0))
        case "connect_failure":
            kind = .connectFailure(probability: try fields.required("probability").probability())
        case "reject_inbound":
            kind = .rejectInbound(
                code: UInt64(try fields.required("code").integer(in: 0...Int(Int32.max))),
                reason: try fields.value("reason")?.string() ?? "inbound connections are rejected")
        case "hold_keep_alives":
            kind = .holdKeepAlives
        default:
            throw kindNode.error(
                "unknown peer fault kind \(kindNode.summary); expected one of \(faultKinds.joined(separator: ", "))")
        }
        let usedKeys: [String: [String]] = [
            "random_close": ["probability", "cooldown"], "stream_reset": ["probability", "phase", "code"],
            "connect_failure": ["probability"], "reject_inbound": ["code", "reason"], "hold_keep_alives": [],
        ]
        for key in ["probability", "cooldown", "phase", "code", "reason"] {
            if let node = fields.value(key), usedKeys[kindText]?.contains(key) != true {
                throw node.error("'\(key)' does not apply to a \(kindText) fault")
            }
        }
        let nodeIndex = try fields.value("node")?.integer(in: 0...(nodes - 1))
        let activity = try FaultActivityDecoder.decode(fields.value("activity"))
        return PeerFaultSpec(fault: PeerFault(name: name, kind: kind, activity: activity), nodeIndex: nodeIndex)
    }
}

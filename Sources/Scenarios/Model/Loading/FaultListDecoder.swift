import ChaosNet

/// Reads `faults:`, the network and HTTP faults, into `Fault` values.
enum FaultListDecoder {
    static let commonKeys = ["name", "kind", "target", "direction", "toxicity", "activity"]
    static let targetForms = ["service", "host", "link"]

    static func decode(_ node: LocatedNode?, hosts: [String]) throws(ScenarioFileError) -> [Fault] {
        guard let node else { return [] }
        var faults: [Fault] = []
        for item in try node.list(itemLabel: "fault") {
            faults.append(try decodeFault(item, hosts: hosts, takenNames: faults.map(\.name)))
        }
        return faults
    }

    static func decodeFault(
        _ node: LocatedNode, hosts: [String], takenNames: [String]
    ) throws(ScenarioFileError) -> Fault {
        let mapping = try node.mapping("fault", allowedKeys: nil)
        let nameNode = try mapping.required("name")
        let name = try nameNode.identifier()
        guard !takenNames.contains(name) else { throw nameNode.error("duplicate fault name '\(name)'") }
        let context = "fault '\(name)'"
        let kindNode = try mapping.required("kind")
        let kindName = try kindNode.scalarText(expected: "a fault kind")
        guard let entry = FaultKindDecoder.entry(named: kindName) else {
            let hint = SpellingSuggestion.hint(
                for: kindName, among: FaultKindDecoder.kindNames, listLabel: "fault kinds")
            throw kindNode.error("unknown fault kind '\(kindName)'\(hint)")
        }
        try rejectKeys(of: mapping, notIn: commonKeys + entry.parameters, kindName: kindName, context: context)
        let parameterMapping = try LocatedMapping(mapping.node, context: context)
        let kind = try entry.decode(parameterMapping)
        let target = try decodeTarget(mapping.required("target"), hosts: hosts)
        var direction = FaultDirection.both
        if let directionNode = mapping.value("direction") {
            let text = try directionNode.scalarText(expected: "a direction (upstream, downstream or both)")
            guard let parsed = FaultDirection(rawValue: text) else {
                throw directionNode.error("expected a direction (upstream, downstream or both), got '\(text)'")
            }
            direction = parsed
        }
        // The probability reader guarantees 0...1, Fault's precondition.
        let toxicity = try mapping.value("toxicity")?.probability() ?? 1
        let activity = try FaultActivityDecoder.decode(mapping.value("activity"))
        return Fault(
            name: name, kind: kind, target: target, direction: direction, toxicity: toxicity, activity: activity)
    }

    /// Unknown keys get a suggestion; parameters of another kind say which kind they belong to instead.
    private static func rejectKeys(
        of mapping: LocatedMapping, notIn allowed: [String], kindName: String, context: String
    ) throws(ScenarioFileError) {
        for entry in mapping.entries where !allowed.contains(entry.key) {
            if FaultKindDecoder.allParameterNames.contains(entry.key) {
                let parameters = FaultKindDecoder.parameters(of: kindName) ?? []
                let list = parameters.isEmpty
                    ? "it takes none"
                    : "its parameters: " + parameters.joined(separator: ", ")
                throw entry.keyNode.error("'\(entry.key)' is not a parameter of fault kind '\(kindName)'; \(list)")
            }
            let hint = SpellingSuggestion.hint(for: entry.key, among: allowed, listLabel: "allowed keys")
            throw entry.keyNode.error("unknown key '\(entry.key)' in \(context)\(hint)")
        }
    }

    /// `{service: "host:port"}`, `{host: h}` or `{link: [a, b]}`, naming declared hosts.
    static func decodeTarget(_ node: LocatedNode, hosts: [String]) throws(ScenarioFileError) -> FaultTarget {
        let mapping = try node.mapping("target", allowedKeys: targetForms)
        guard mapping.entries.count == 1, let entry = mapping.entries.first else {
            throw node.error(
                "a target has exactly one of service, host or link, like {service: \"registry:5001\"}, "
                + "got \(mapping.entries.count) keys")
        }
        let value = entry.value
        switch entry.key {
        case "service":
            let text = try value.scalarText(expected: "a service like \"registry:5001\"")
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let port = Int(parts[1]), parts[1].allSatisfy(\.isASCIIDigit) else {
                throw value.error("expected a service like \"registry:5001\", got '\(text)'")
            }
            guard (1...65535).contains(port) else {
                throw value.error("the port of a service must be in 1...65535, got \(port)")
            }
            let host = String(parts[0])
            try TopologyDecoder.requireHost(host, in: hosts, at: value, role: "the fault's target")
            return .service(host: host, port: port)
        case "host":
            let host = try value.identifier()
            try TopologyDecoder.requireHost(host, in: hosts, at: value, role: "the fault's target")
            return .host(host)
        case "link":
            let (a, b) = try HostPairDecoder.decode(value, hosts: hosts)
            return .link(a, b)
        default:
            // `allowedKeys` already refused other keys; never read an unknown form as one of the three.
            throw entry.keyNode.error("a target is one of service, host or link, got '\(entry.key)'")
        }
    }
}

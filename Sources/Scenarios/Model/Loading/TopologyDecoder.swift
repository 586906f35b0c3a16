import ChaosNet

/// Reads `topology:` (hosts, client, default link, registry and its packages) into a `TopologySpec`.
enum TopologyDecoder {
    static let keys = ["hosts", "client", "default_link", "registry"]

    /// `node` is nil when the file has no `topology:`; `top` locates errors about the defaults then.
    static func decode(_ node: LocatedNode?, in top: LocatedMapping) throws(ScenarioFileError) -> TopologySpec {
        let defaults = TopologySpec()
        guard let node else {
            return defaults
        }
        let topology = try node.mapping("topology", allowedKeys: keys)
        var hosts = defaults.hosts
        if let hostsNode = topology.value("hosts") {
            hosts = []
            for item in try hostsNode.list(itemLabel: "host") {
                let host = try item.identifier()
                guard !hosts.contains(host) else { throw item.error("duplicate host '\(host)'") }
                hosts.append(host)
            }
            guard !hosts.isEmpty else { throw hostsNode.error("'hosts' must name at least one host") }
        }
        let clientNode = topology.value("client")
        let clientHost = try clientNode?.identifier() ?? defaults.clientHost
        try requireHost(clientHost, in: hosts, at: clientNode ?? topology.node, role: "the client host")
        var defaultLink = defaults.defaultLink
        if let linkNode = topology.value("default_link") {
            let mapping = try linkNode.mapping("default_link", allowedKeys: LinkConditionsDecoder.keys)
            defaultLink = try LinkConditionsDecoder.decode(mapping, base: defaultLink)
        }
        let registry = try RegistryDecoder.decode(topology.value("registry"), hosts: hosts, topology: topology)
        return TopologySpec(hosts: hosts, clientHost: clientHost, registry: registry, defaultLink: defaultLink)
    }

    /// Refuses a host name that is not declared, listing the hosts; `role` says what the name was for.
    static func requireHost(
        _ host: String, in hosts: [String], at node: LocatedNode, role: String
    ) throws(ScenarioFileError) {
        guard hosts.contains(host) else {
            let hint = SpellingSuggestion.hint(for: host, among: hosts, listLabel: "hosts")
            throw node.error("unknown host '\(host)' for \(role)\(hint)")
        }
    }
}

/// Reads `[a, b]`: two distinct declared hosts (a link's `between`, a fault's `link` target).
enum HostPairDecoder {
    static func decode(_ node: LocatedNode, hosts: [String]) throws(ScenarioFileError) -> (String, String) {
        let items = try node.list(itemLabel: "host")
        guard items.count == 2 else {
            throw node.error("expected two hosts like [service, registry] for '\(node.label)', got \(items.count)")
        }
        let a = try items[0].identifier(), b = try items[1].identifier()
        try TopologyDecoder.requireHost(a, in: hosts, at: items[0], role: "'\(node.label)'")
        try TopologyDecoder.requireHost(b, in: hosts, at: items[1], role: "'\(node.label)'")
        guard a != b else { throw items[1].error("'\(node.label)' needs two different hosts, got '\(a)' twice") }
        return (a, b)
    }
}

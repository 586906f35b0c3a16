import ChaosNet

/// Reads `links:`: per-pair conditions between declared hosts, each unordered pair at most once.
enum LinkListDecoder {
    static let keys = ["between"] + LinkConditionsDecoder.keys

    /// Keys a link leaves out keep the topology's `default_link` values, so a link states only what differs.
    static func decode(_ node: LocatedNode?, topology: TopologySpec) throws(ScenarioFileError) -> [LinkSpec] {
        guard let node else { return [] }
        var links: [LinkSpec] = []
        for item in try node.list(itemLabel: "link") {
            let mapping = try item.mapping("link", allowedKeys: keys)
            let betweenNode = try mapping.required("between")
            let (a, b) = try HostPairDecoder.decode(betweenNode, hosts: topology.hosts)
            let samePair = links.contains { link in
                Set([link.between.0, link.between.1]) == Set([a, b])
            }
            guard !samePair else {
                throw betweenNode.error("the link between '\(a)' and '\(b)' is listed twice")
            }
            let conditions = try LinkConditionsDecoder.decode(mapping, base: topology.defaultLink)
            links.append(LinkSpec(between: a, b, conditions: conditions))
        }
        return links
    }
}

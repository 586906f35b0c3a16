import ChaosNet

/// The hosts of a scenario's world, the IPFS registry among them, and the link every unlisted pair of hosts uses.
public struct TopologySpec: Sendable, Equatable {
    /// Host names, in the order they are added to the network. The component runs on `clientHost`.
    public var hosts: [String]
    /// The host the component under test runs on.
    public var clientHost: String
    public var registry: RegistrySpec?
    public var defaultLink: LinkConditions

    public init(
        hosts: [String] = ["service", "registry"], clientHost: String = "service",
        registry: RegistrySpec? = RegistrySpec(), defaultLink: LinkConditions = LinkConditions()
    ) {
        self.hosts = hosts
        self.clientHost = clientHost
        self.registry = registry
        self.defaultLink = defaultLink
    }
}

/// The in-process IPFS registry (Kubo RPC subset and gateway) and the packages it holds from the start.
public struct RegistrySpec: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var packages: [PackageSpec]

    public init(host: String = "registry", port: Int = 5001, packages: [PackageSpec] = []) {
        self.host = host
        self.port = port
        self.packages = packages
    }
}

/// A generated package: a tree of `fileCount` files holding `byteCount` bytes in all, at most `depthMax` directories
/// deep. Its content comes from its own random stream, so it is the same for every seed of a sweep (a registry serves
/// the same release to every CI run) and changes only when the spec does.
public struct PackageSpec: Sendable, Equatable {
    /// The name workloads refer to.
    public var name: String
    public var fileCount: Int
    public var byteCount: Int
    public var depthMax: Int
    public var symlinkCount: Int

    public init(name: String, fileCount: Int = 40, byteCount: Int = 4 << 20, depthMax: Int = 3, symlinkCount: Int = 0) {
        self.name = name
        self.fileCount = fileCount
        self.byteCount = byteCount
        self.depthMax = depthMax
        self.symlinkCount = symlinkCount
    }
}

/// The conditions of the link between two hosts, both ways.
public struct LinkSpec: Sendable, Equatable {
    public var between: (String, String)
    public var conditions: LinkConditions

    public init(between a: String, _ b: String, conditions: LinkConditions) {
        self.between = (a, b)
        self.conditions = conditions
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.between == rhs.between && lhs.conditions == rhs.conditions
    }
}

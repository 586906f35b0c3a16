/// A simulated IPFS node on the simulated network: an `IPFSRegistryService` served by a `SimHTTPServer`, with the
/// operational hooks scenarios use to provoke what they test: `loseBlock` removes a block so that a later read fails
/// at exactly that block, and `bodyPieceSize` makes every streamed reply arrive in pieces of that size.
///
/// Not thread-safe: use on the simulation's thread. The simulation keeps the registry alive while it runs.
public final class IPFSRegistry: @unchecked Sendable {
    /// The version `version` reports; ipfshttpclient 0.7 accepts 0.4.23 ≤ v < 0.8.0.
    public static var kuboVersion: String { IPFSRegistryService.kuboVersion }

    /// What answers the requests.
    public let service: IPFSRegistryService
    /// The blocks the registry serves; add to it directly or through `add`.
    public var store: IPFSBlockStore { service.store }
    /// Where the registry listens.
    public var endpoint: Endpoint { server.endpoint }
    /// The size of the pieces every streamed reply is written in (the last one of a reply may be shorter).
    public var bodyPieceSize: Int {
        get { service.bodyPieceSize }
        set { service.bodyPieceSize = newValue }
    }
    /// Limits on uploads.
    public var limits: IPFSRegistryLimits {
        get { service.limits }
        set { service.limits = newValue }
    }
    /// Roots pinned by `add` (with `pin=true`, the default), in the order they were added.
    public var pins: [CID] { service.pins }

    let simulation: Simulation
    private var server: SimHTTPServer!

    /// Creates a registry listening on `host:port` (Kubo's API port 5001 by default); call `start` to serve.
    public init(network: SimNetwork, host: String, port: Int = 5001, store: IPFSBlockStore = IPFSBlockStore()) throws {
        let simulation = network.simulation
        self.simulation = simulation
        // Unowned: the simulation keeps the registry, and so the service, alive (no cycle).
        service = IPFSRegistryService(store: store) { [unowned simulation] source, message in
            simulation.trace(source, message)
        }
        server = try SimHTTPServer(network: network, host: host, port: port) { [service] request in
            try await service.handle(request)
        }
        simulation.attach(self)
    }

    /// A DAG reader over the registry's store.
    public var dag: IPFSDAGReader { service.dag }

    /// Requests served so far.
    public var requestCount: Int { server.requestCount }

    /// Starts accepting connections.
    public func start() {
        server.start()
    }

    /// Stops accepting connections; exchanges in progress finish.
    public func stop() {
        server.stop()
    }

    // MARK: - Content and hooks

    /// Adds `tree` with `options` and pins its root, as `ipfs add` would.
    @discardableResult
    public func add(_ tree: IPFSContentTree, options: UnixFSImportOptions = UnixFSImportOptions()) throws(IPFSAddError)
        -> ImportedNode
    {
        try service.add(tree, options: options)
    }

    /// Generates a package from `spec` with draws from the simulation's random stream `stream`, adds and pins it.
    ///
    /// The same seed and stream name give the same package and root CID; other streams are not disturbed.
    @discardableResult
    public func seedPackage(_ spec: IPFSPackageSpec, stream: String = "registry.package") throws(IPFSAddError)
        -> IPFSPackage
    {
        let package = try store.seedPackage(spec, random: simulation.random(stream))
        service.pin(package.cid)
        simulation.trace(
            "registry",
            "seeded package \(package.cid): \(spec.fileCount) files, \(spec.byteCount) bytes, from stream '\(stream)'")
        return package
    }

    /// Removes the block `cid` names, so that any read reaching it fails there; false if it was not held.
    @discardableResult
    public func loseBlock(_ cid: CID) -> Bool {
        let removed = store.remove(cid)
        simulation.trace("registry", "loses block \(cid)" + (removed ? "" : " (not held)"))
        return removed
    }
}

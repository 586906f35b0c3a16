import HTTPTypes

/// A simulated IPFS node as a download client sees it: the Kubo RPC subset (`version`, `add`, `get`, `cat`, `ls`)
/// under `/api/v0/` and the path gateway under `/ipfs/`, served by one `SimHTTPServer` over a content-addressed block
/// store.
///
/// Replies follow Kubo 0.6 (see `IPFS.md`): RPC commands answer only POST, every RPC reply is chunked with
/// `Trailer: X-Stream-Error`, byte streams are produced while the DAG is walked, and an error after the first byte
/// ends the body cleanly and names the error in the trailer, which is what makes silent truncation possible.
///
/// Choices where Kubo leaves room or a simulation needs determinism, each documented at its command:
/// - `ls` answers one NDJSON line `{"Objects":[{"Hash":<arg>,"Links":[{"Name","Hash","Size","Type","Target"}]}]}`
///   with `X-Chunked-Output: 1`, as Kubo 0.6 does without `stream=true`.
/// - `get` names the tar's root entry as the argument (minus `/ipfs/` and trailing slashes), stamps mtime 0, and
///   announces a directory's cumulative size (a file's size) in `X-Content-Length`, as Kubo's `Size()` does.
/// - 400 errors carry `"Code":1` (go-ipfs-cmds' `ErrClient`, which is what maps to 400), 500 errors `"Code":0`.
/// - `add` reads the whole upload before replying, so upload errors are 400s rather than trailer errors.
///
/// Operational hooks let scenarios provoke what they test: `loseBlock` removes a block so that a later read fails at
/// exactly that block, and `bodyPieceSize` makes every streamed reply arrive in pieces of that size.
///
/// Not thread-safe: use on the simulation's thread. The simulation keeps the registry alive while it runs.
public final class IPFSRegistry: @unchecked Sendable {
    /// The version `version` reports; ipfshttpclient 0.7 accepts 0.4.23 ≤ v < 0.8.0.
    public static let kuboVersion = "0.6.0"

    /// The blocks the registry serves; add to it directly or through `add`.
    public let store: IPFSBlockStore
    /// Where the registry listens.
    public var endpoint: Endpoint { server.endpoint }
    /// The size of the pieces every streamed reply is written in (the last one of a reply may be shorter).
    public var bodyPieceSize = 64 << 10 {
        didSet { precondition(bodyPieceSize > 0, "bodyPieceSize must be positive") }
    }
    /// Limits on uploads.
    public var limits = IPFSRegistryLimits()
    /// Roots pinned by `add` (with `pin=true`, the default), in the order they were added.
    public internal(set) var pins: [CID] = []

    let simulation: Simulation
    private var server: SimHTTPServer!

    /// Creates a registry listening on `host:port` (Kubo's API port 5001 by default); call `start` to serve.
    public init(network: SimNetwork, host: String, port: Int = 5001, store: IPFSBlockStore = IPFSBlockStore()) throws {
        self.simulation = network.simulation
        self.store = store
        // The server's handler refers back without owning the registry; the simulation owns it (no cycle).
        server = try SimHTTPServer(network: network, host: host, port: port) { [unowned self] request in
            try await self.handle(request)
        }
        simulation.attach(self)
    }

    /// A DAG reader over the registry's store.
    public var dag: IPFSDAGReader { IPFSDAGReader(store: store) }

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
        let root = try store.add(tree, options: options)
        pins.append(root.cid)
        return root
    }

    /// Generates a package from `spec` with draws from the simulation's random stream `stream`, adds and pins it.
    ///
    /// The same seed and stream name give the same package and root CID; other streams are not disturbed.
    @discardableResult
    public func seedPackage(_ spec: IPFSPackageSpec, stream: String = "registry.package") throws(IPFSAddError)
        -> IPFSPackage
    {
        let package = try store.seedPackage(spec, random: simulation.random(stream))
        pins.append(package.cid)
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

    // MARK: - Routing

    private func handle(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
        let target = request.head.path ?? "/"
        let path: Substring
        let query: Substring
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        } else {
            path = target[...]
            query = ""
        }
        let response: HTTPServerResponse
        if path.hasPrefix(Self.rpcPrefix) {
            response = try await rpc(request, command: path.dropFirst(Self.rpcPrefix.count), query: query)
        } else if path.hasPrefix("/ipfs/") {
            response = gateway(request, path: path.dropFirst("/ipfs/".count), query: query)
        } else {
            response = Self.goText(.notFound, "404 page not found\n")
        }
        simulation.trace("registry", "\(request.head.method) \(target.prefix(160)) → \(response.head.status.code)")
        return response
    }

    static let rpcPrefix = "/api/v0/"

    /// A plain-text reply as Go's `http.Error` writes one.
    static func goText(_ status: HTTPResponse.Status, _ text: String, fields extra: HTTPFields = [:])
        -> HTTPServerResponse
    {
        var response = HTTPServerResponse.text(status, text, contentType: "text/plain; charset=utf-8")
        response.head.headerFields[.xContentTypeOptions] = "nosniff"
        response.head.headerFields.append(contentsOf: extra)
        return response
    }
}

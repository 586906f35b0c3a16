import HTTPTypes

/// An IPFS node as a download client sees it: the Kubo RPC subset (`version`, `add`, `get`, `cat`, `ls`) under
/// `/api/v0/` and the path gateway under `/ipfs/`, over a content-addressed block store. It is an HTTP handler and
/// knows nothing of where its bytes go: `IPFSRegistry` serves it on the simulated network, live mode on a real socket.
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
/// Not thread-safe: use on one thread (the simulation's, or live mode's serial executor).
public final class IPFSRegistryService: @unchecked Sendable {
    /// The version `version` reports; ipfshttpclient 0.7 accepts 0.4.23 ≤ v < 0.8.0.
    public static let kuboVersion = "0.6.0"

    /// The blocks the registry serves; add to it directly or through `add`.
    public let store: IPFSBlockStore
    /// The size of the pieces every streamed reply is written in (the last one of a reply may be shorter).
    public var bodyPieceSize = 64 << 10 {
        didSet { precondition(bodyPieceSize > 0, "bodyPieceSize must be positive") }
    }
    /// Limits on uploads.
    public var limits = IPFSRegistryLimits()
    /// Roots pinned by `add` (with `pin=true`, the default), in the order they were added.
    public internal(set) var pins: [CID] = []
    /// Where the service's events go (`registry` for its own).
    let trace: @Sendable (_ source: String, _ message: String) -> Void

    /// A service over `store` whose events go to `trace`.
    public init(store: IPFSBlockStore, trace: @escaping @Sendable (_ source: String, _ message: String) -> Void) {
        self.store = store
        self.trace = trace
    }

    /// A DAG reader over the service's store.
    public var dag: IPFSDAGReader { IPFSDAGReader(store: store) }

    /// Adds `tree` with `options` and pins its root, as `ipfs add` would.
    @discardableResult
    public func add(_ tree: IPFSContentTree, options: UnixFSImportOptions = UnixFSImportOptions()) throws(IPFSAddError)
        -> ImportedNode
    {
        let root = try store.add(tree, options: options)
        pins.append(root.cid)
        return root
    }

    /// Records `cid` as pinned (a package seeded into the store).
    func pin(_ cid: CID) {
        pins.append(cid)
    }

    // MARK: - Routing

    /// Answers one request: the service's HTTP handler.
    public func handle(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
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
        trace("registry", "\(request.head.method) \(target.prefix(160)) → \(response.head.status.code)")
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

import ChaosNet
import HTTPTypes
import Testing

/// Runs `body` in a simulation with hosts `client` and `registry`, an `IPFSRegistry` on registry:5001 prepared by
/// `setup` (which runs inside the simulation, so it may seed packages from the simulation's streams), and a client.
func runRegistry<Value: Sendable>(
    seed: UInt64 = 1,
    link: LinkConditions = LinkConditions(latency: .milliseconds(5)),
    setup: @escaping @Sendable (IPFSRegistry) throws -> Void = { _ in },
    _ body: @escaping @Sendable (Simulation, IPFSRegistry, SimHTTPClient) async throws -> Value
) -> SimulationResult<Value> {
    Simulation(seed: seed).run { simulation in
        let network = SimNetwork(simulation, defaultLink: link)
        network.addHost("client")
        network.addHost("registry")
        let registry = try IPFSRegistry(network: network, host: "registry")
        try setup(registry)
        registry.start()
        let client = SimHTTPClient(network: network, host: "client")
        let value = try await body(simulation, registry, client)
        registry.stop()
        return value
    }
}

/// A request to the registry: `POST /api/v0/<command>?<query>` unless told otherwise.
func rpcRequest(_ command: String, _ query: String = "", method: HTTPRequest.Method = .post) -> HTTPRequest {
    HTTPRequest(
        method: method, scheme: "http", authority: "registry:5001",
        path: "/api/v0/" + command + (query.isEmpty ? "" : "?" + query))
}

/// A gateway request, `GET /ipfs/<path>`.
func gatewayRequest(_ path: String, method: HTTPRequest.Method = .get, accept: String? = nil) -> HTTPRequest {
    var request = HTTPRequest(method: method, scheme: "http", authority: "registry:5001", path: "/ipfs/" + path)
    if let accept { request.headerFields[.accept] = accept }
    return request
}

/// A whole reply as tests examine it.
struct Reply: Sendable {
    var status: Int
    var fields: HTTPFields
    var body: [UInt8]
    var trailers: HTTPFields?
    /// The sizes of the body pieces as the client received them.
    var pieceSizes: [Int]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body's lines (NDJSON replies), without the final empty one.
    var lines: [String] { text.split(separator: "\n").map(String.init) }

    subscript(_ name: String) -> String? { fields[HTTPField.Name(name)!] }

    var streamError: String? { trailers?[.ipfsStreamError] }
}

/// Sends `request` (with `body`, if any) and reads the whole reply, or the error that ended it.
func fetch(
    _ client: SimHTTPClient, _ request: HTTPRequest, body: [UInt8]? = nil, pieceSize: Int = 64 << 10
) async throws -> Reply {
    let upload: HTTPBody? = body.map { bytes in
        var offset = 0
        return HTTPBody {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + pieceSize)
            defer { offset = end }
            return bytes[offset..<end]
        }
    }
    let response = try await client.execute(request, body: upload, timeouts: HTTPTimeouts(readIdle: .seconds(30)))
    var bytes: [UInt8] = []
    var pieceSizes: [Int] = []
    for try await piece in response.body {
        bytes += piece
        pieceSizes.append(piece.count)
    }
    return Reply(
        status: response.head.status.code, fields: response.head.headerFields, body: bytes,
        trailers: response.body.trailers, pieceSizes: pieceSizes)
}

/// Posts a multipart upload to `add`.
func add(_ client: SimHTTPClient, _ upload: MultipartUpload, query: String = "", pieceSize: Int = 64 << 10)
    async throws -> Reply
{
    var request = rpcRequest("add", query)
    request.headerFields[.contentType] = upload.contentType
    return try await fetch(client, request, body: upload.bytes, pieceSize: pieceSize)
}

/// A multipart/form-data upload shaped as go-ipfs-files and ipfshttpclient send it.
struct MultipartUpload: Sendable {
    var boundary = "chaosnet-test-boundary-2f4e"
    private(set) var bytes: [UInt8] = []
    private var closed = false

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    init(boundary: String = "chaosnet-test-boundary-2f4e") {
        self.boundary = boundary
    }

    /// An upload of every item of `tree` under `name` (directories before their content), then closed.
    init(_ tree: IPFSContentTree, name: String) {
        self.init()
        append(name, tree)
        for (path, item) in tree.descendants {
            append(name + "/" + path, item)
        }
        close()
    }

    mutating func append(_ path: String, _ tree: IPFSContentTree) {
        switch tree {
        case let .file(content): file(path, content)
        case let .symlink(target): part(path, type: "application/symlink", Array(target.utf8))
        case .directory: part(path, type: "application/x-directory", [])
        }
    }

    mutating func file(_ path: String, _ content: [UInt8]) {
        part(path, type: "application/octet-stream", content)
    }

    mutating func directory(_ path: String) {
        part(path, type: "application/x-directory", [])
    }

    mutating func part(_ path: String, type: String?, _ content: [UInt8], disposition: String? = nil) {
        var head = "--\(boundary)\r\n"
        head += "Content-Disposition: " + (disposition ?? "form-data; name=\"file\"; filename=\"\(escape(path))\"")
            + "\r\n"
        if let type { head += "Content-Type: \(type)\r\n" }
        head += "\r\n"
        bytes += Array(head.utf8) + content + Array("\r\n".utf8)
    }

    mutating func close() {
        bytes += Array("--\(boundary)--\r\n".utf8)
    }

    /// Percent-escapes everything but unreserved characters, as Python's `quote(name, safe='')` does.
    func escape(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return path.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : "%" + hex2($0) }.joined()
    }

    private func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }
}

/// The archive `get` must produce for `tree` under `rootName`: entries depth first in link (name-byte) order.
func expectedArchive(_ tree: IPFSContentTree, rootName: String) -> [ArchivedItem] {
    var items: [ArchivedItem] = []
    func visit(_ tree: IPFSContentTree, path: String) {
        switch tree {
        case let .file(content):
            items.append(ArchivedItem(entry: .file(path, size: UInt64(content.count), mode: 0o644), content: content))
        case let .symlink(target):
            items.append(ArchivedItem(entry: .symlink(path, target: target, mode: 0o777)))
        case let .directory(entries):
            items.append(ArchivedItem(entry: .directory(path, mode: 0o755)))
            let sorted = entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            for entry in sorted {
                visit(entry.tree, path: path + "/" + entry.name)
            }
        }
    }
    visit(tree, path: rootName)
    return items
}

/// A small tree with nesting, an empty file, an empty directory, a multi-chunk file and symlinks.
func sampleTree() -> IPFSContentTree {
    .directory([
        .init("README.md", .file(Array("# sample\n".utf8))),
        .init("empty.txt", .file([])),
        .init("lib", .directory([
            .init("big.bin", .file(TestRandom.bytes(seed: 7, count: 600_000))),
            .init("mod-1", .directory([.init("file-3.bin", .file(TestRandom.bytes(seed: 8, count: 1_000)))])),
            .init("current", .symlink(target: "mod-1/file-3.bin")),
        ])),
        .init("nothing", .directory([])),
        .init("Z last", .file(Array("space and capital\n".utf8))),
    ])
}

/// The root of `tree` computed directly with the importer, directory builder and symlink encoder (not through the
/// block store), so the registry's results are checked against an independent path.
func importedNode(_ tree: IPFSContentTree, options: UnixFSImportOptions = UnixFSImportOptions()) throws
    -> ImportedNode
{
    switch tree {
    case let .file(content):
        return UnixFSImporter.importFile(content, options: options) { _ in }
    case let .symlink(target):
        return try UnixFSSymlink(target: target, options: options).finish { _ in }
    case let .directory(entries):
        var builder = UnixFSDirectoryBuilder(options: options)
        for entry in entries {
            try builder.add(name: entry.name, node: try importedNode(entry.tree, options: options))
        }
        return builder.finish { _ in }
    }
}

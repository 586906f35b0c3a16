import HTTPTypes

/// The Kubo RPC subset: method and command checks, `version`, `get`, `cat`, `ls` (`add` has its own file), and the
/// reply framing every command shares.
extension IPFSRegistryService {
    /// The commands served; anything else under `/api/v0/` is 404.
    static let rpcCommands: Set<Substring> = ["add", "cat", "get", "ls", "version"]

    func rpc(_ request: HTTPServerRequest, command: Substring, query: Substring) async throws -> HTTPServerResponse {
        // go-ipfs-cmds checks the method before it looks the command up, so GET of an unknown command is 405.
        let allow: HTTPFields = [.allow: "OPTIONS, POST"]
        switch request.head.method {
        case .post:
            break
        case .options:
            var head = HTTPResponse(status: .noContent)
            head.headerFields = allow
            return HTTPServerResponse(head: head)
        default:
            return Self.goText(.methodNotAllowed, "405 - Method Not Allowed\n", fields: allow)
        }
        guard Self.rpcCommands.contains(command) else {
            return Self.goText(.notFound, "404 page not found")
        }
        do {
            let query = try IPFSRPCQuery(query)
            switch command {
            case "version": return version()
            case "get": return try get(query)
            case "cat": return try cat(query)
            case "ls": return try ls(query)
            default: return try await add(request, query: query)
            }
        } catch let error as IPFSRPCError {
            return rpcError(error)
        }
    }

    // MARK: - Reply framing

    /// What kind of output a reply carries, which decides its marker header.
    enum RPCOutput {
        /// One JSON value (`version`): no marker.
        case single
        /// A byte stream (`get`, `cat`): `X-Stream-Output: 1` and the announced length.
        case stream(contentLength: UInt64)
        /// Newline-delimited JSON (`add`, `ls`): `X-Chunked-Output: 1`.
        case chunked
    }

    /// A chunked RPC reply with Kubo's headers, whose body `produce` writes in `bodyPieceSize` pieces. A DAG error
    /// thrown by `produce` becomes the `X-Stream-Error` trailer after the bytes produced so far; any other error
    /// (the client went away, a fault cut the connection) ends the exchange as the server decides.
    func rpcReply(
        status: HTTPResponse.Status = .ok, contentType: String, output: RPCOutput, label: String,
        _ produce: @escaping @Sendable (IPFSBodyPieces) async throws -> Void
    ) -> HTTPServerResponse {
        var fields = HTTPFields()
        fields[.accessControlExposeHeaders] = "X-Stream-Output, X-Chunked-Output, X-Content-Length"
        fields[.contentType] = contentType
        fields[.trailer] = "X-Stream-Error"
        switch output {
        case .single:
            break
        case let .stream(contentLength):
            fields[.ipfsStreamOutput] = "1"
            fields[.ipfsContentLength] = String(contentLength)
        case .chunked:
            fields[.ipfsChunkedOutput] = "1"
        }
        let pieceSize = bodyPieceSize
        let trace = trace
        return HTTPServerResponse(head: HTTPResponse(status: status, headerFields: fields), body: .stream { writer in
            let pieces = IPFSBodyPieces(writer: writer, pieceSize: pieceSize)
            do {
                try await produce(pieces)
                try await pieces.flush()
            } catch let error as IPFSDAGError {
                try await pieces.fail(with: error.description)
                trace("registry", "\(label): stream error after \(pieces.byteCount) bytes: \(error)")
            }
        })
    }

    /// An error reply before the first byte: status 400 or 500 and Kubo's JSON error body.
    func rpcError(_ error: IPFSRPCError) -> HTTPServerResponse {
        let body = error.body
        return rpcReply(status: error.status, contentType: "application/json", output: .single, label: "error") {
            try await $0.write(body)
        }
    }

    // MARK: - Commands

    /// `version`: one JSON object.
    func version() -> HTTPServerResponse {
        let body = JSONText.object([
            ("Version", JSONText.string(Self.kuboVersion)), ("Commit", "\"\""), ("Repo", "\"10\""),
            ("System", "\"amd64/linux\""), ("Golang", "\"go1.14.4\""),
        ]) + "\n"
        return rpcReply(contentType: "application/json", output: .single, label: "version") {
            try await $0.write(body)
        }
    }

    /// `get?arg=<path>`: the DAG under the path as a tar stream, produced while walking.
    ///
    /// The archive's root entry is named as the argument (without a leading `/ipfs/` or trailing slashes).
    /// `X-Content-Length` is the UnixFS size Kubo announces: a file's size, or a directory's cumulative size.
    func get(_ query: IPFSRPCQuery) throws(IPFSRPCError) -> HTTPServerResponse {
        let argument = try query.requiredArguments("ipfs-path")[0]
        if try query.bool("compress", "C") == true {
            throw .badRequest("compress is not supported by this registry; request compress=false")
        }
        let path = try Self.parse(argument)
        let root = try resolve(path)
        let size = root.kind == .directory ? root.cumulativeSize : root.contentSize
        let dag = self.dag
        let name = path.archiveRootName
        return rpcReply(contentType: "text/plain", output: .stream(contentLength: size), label: "get \(argument)") {
            pieces in
            var tar = dag.tarStream(root, name: name)
            while let piece = try tar.next() {
                try await pieces.write(piece)
            }
        }
    }

    /// `cat?arg=<path>[&offset=][&length=]`: file bytes; several `arg`s are concatenated, offset and length apply to
    /// the concatenation, as in Kubo.
    func cat(_ query: IPFSRPCQuery) throws(IPFSRPCError) -> HTTPServerResponse {
        let arguments = try query.requiredArguments("ipfs-path")
        let offset = try query.count("offset") ?? 0
        let length = try query.count("length")
        var files: [UnixFSNode] = []
        for argument in arguments {
            let node = try resolve(try Self.parse(argument))
            switch node.kind {
            case .file: files.append(node)
            case .directory: throw IPFSRPCError(IPFSDAGError.isDirectory)
            case .symlink: throw IPFSRPCError(IPFSDAGError.notRegularFile)
            }
        }
        let total = files.reduce(UInt64(0)) { $0 + $1.contentSize }
        guard offset <= total else { throw IPFSRPCError(IPFSDAGError.offsetPastEnd(offset: offset, size: total)) }
        var readers: [UnixFSFileReader] = []
        var skip = offset
        var remaining = length ?? .max
        for file in files where remaining > 0 {
            if skip >= file.contentSize {
                skip -= file.contentSize
                continue
            }
            let reader = dag.fileReader(file, offset: skip, length: remaining)
            skip = 0
            remaining -= reader.windowSize
            readers.append(reader)
        }
        let windows = readers
        let windowTotal = windows.reduce(UInt64(0)) { $0 + $1.windowSize }
        let label = "cat \(arguments[0])"
        return rpcReply(contentType: "text/plain", output: .stream(contentLength: windowTotal), label: label) {
            pieces in
            for var reader in windows {
                while let piece = try reader.next() {
                    try await pieces.write(piece)
                }
            }
        }
    }

    /// `ls?arg=<path>…`: one NDJSON line `{"Objects":[{"Hash":<arg>,"Links":[…]}]}` covering every argument, as
    /// Kubo 0.6 sends without `stream=true`. Links carry Name, Hash, Size (file size; 0 for directories), Type (1
    /// directory, 2 file, 4 symlink) and Target; each child's block is read to learn its type, as Kubo does.
    func ls(_ query: IPFSRPCQuery) throws(IPFSRPCError) -> HTTPServerResponse {
        let arguments = try query.requiredArguments("ipfs-path")
        var objects: [String] = []
        for argument in arguments {
            let node = try resolve(try Self.parse(argument))
            var links: [String] = []
            if node.kind == .directory {
                let entries: [IPFSDAGReader.Entry]
                do {
                    entries = try dag.entries(of: node)
                } catch {
                    throw IPFSRPCError(error)
                }
                links = entries.map { entry in
                    let type = switch entry.kind {
                    case .directory: 1
                    case .file: 2
                    case .symlink: 4
                    }
                    return JSONText.object([
                        ("Name", JSONText.string(entry.name)), ("Hash", JSONText.string(entry.cid.description)),
                        ("Size", String(entry.size)), ("Type", String(type)), ("Target", JSONText.string(entry.target)),
                    ])
                }
            }
            objects.append(JSONText.object([("Hash", JSONText.string(argument)), ("Links", JSONText.array(links))]))
        }
        let body = JSONText.object([("Objects", JSONText.array(objects))]) + "\n"
        return rpcReply(contentType: "application/json", output: .chunked, label: "ls \(arguments[0])") {
            try await $0.write(body)
        }
    }

    // MARK: - Helpers

    static func parse(_ argument: String) throws(IPFSRPCError) -> IPFSPath {
        do {
            return try IPFSPath(argument)
        } catch {
            throw IPFSRPCError(error)
        }
    }

    func resolve(_ path: IPFSPath) throws(IPFSRPCError) -> UnixFSNode {
        do {
            return try dag.resolve(path)
        } catch {
            throw IPFSRPCError(error)
        }
    }
}

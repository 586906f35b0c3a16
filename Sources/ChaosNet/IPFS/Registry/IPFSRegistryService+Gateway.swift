import HTTPTypes

/// The path gateway, `GET|HEAD /ipfs/<cid>[/path]`, as boxo's gateway answers a download client.
///
/// `?format=raw` (or `Accept: application/vnd.ipld.raw`) returns the resolved node's block; `?format=tar` (or
/// `Accept: application/x-tar`) returns a tar of the DAG whose root entry is named by the resolved CID; `format` wins
/// over `Accept`. Without either, a file's bytes are served with Content-Length, a symlink's target and a directory's
/// entry names as plain text (a real gateway renders an HTML listing; a downloader does not need one).
///
/// Unlike the RPC API, the gateway has no trailer for errors: a block missing mid-stream aborts the response, so the
/// client sees the connection end before the body does.
extension IPFSRegistryService {
    func gateway(_ request: HTTPServerRequest, path: Substring, query: Substring) -> HTTPServerResponse {
        let method = request.head.method
        guard method == .get || method == .head else {
            if method == .options {
                var head = HTTPResponse(status: .ok)
                head.headerFields[.allow] = "GET, HEAD, OPTIONS"
                return HTTPServerResponse(head: head)
            }
            return Self.goText(
                .methodNotAllowed, "method \(method) not allowed\n", fields: [.allow: "GET, HEAD, OPTIONS"])
        }
        // The whole path is decoded before it is split, as Go's URL.Path is (an escaped slash separates names too;
        // UnixFS names cannot contain one anyway).
        guard let decoded = PercentDecoding.decode(path, plusAsSpace: false) else {
            return Self.goText(.badRequest, "invalid path \"/ipfs/\(path.prefix(200))\": malformed %-escape\n")
        }
        let names = decoded.split(separator: "/", omittingEmptySubsequences: true)
        let contentPath = "/ipfs/" + names.joined(separator: "/")
        let ipfsPath: IPFSPath
        let node: UnixFSNode
        do {
            ipfsPath = try IPFSPath(contentPath)
            node = try dag.resolve(ipfsPath)
        } catch {
            switch error {
            case .invalidPath: return Self.goText(.badRequest, "\(error)\n")
            case .blockNotFound, .noLink: return Self.goText(.notFound, "\(contentPath): \(error)\n")
            default: return Self.goText(.internalServerError, "\(contentPath): \(error)\n")
            }
        }
        let format: String?
        do {
            format = try Self.responseFormat(query: query, accept: request.head.headerFields[.accept])
        } catch {
            return Self.goText(.badRequest, error.message + "\n")
        }
        var fields = HTTPFields()
        fields[.ipfsPath] = contentPath
        fields[.xContentTypeOptions] = "nosniff"
        let label = "gateway \(contentPath)"
        switch format {
        case "raw":
            fields[.contentType] = "application/vnd.ipld.raw"
            fields[.contentDisposition] = "attachment; filename=\"\(node.cid).bin\""
            fields[.eTag] = "\"\(node.cid).raw\""
            fields[.contentLength] = String(node.block.count)
            return stream(fields, label: label) { pieces in try await pieces.write(node.block[...]) }
        case "tar":
            fields[.contentType] = "application/x-tar"
            fields[.contentDisposition] = "attachment; filename=\"\(node.cid).tar\""
            fields[.eTag] = "\"\(node.cid).x-tar\""
            let dag = self.dag
            return stream(fields, label: label) { pieces in
                var tar = dag.tarStream(node, name: node.cid.description)
                while let piece = try tar.next() {
                    try await pieces.write(piece)
                }
            }
        case "car":
            return Self.goText(.notImplemented, "format=car is not supported by this registry\n")
        default:
            return deserialized(node, fields: fields, label: label)
        }
    }

    /// A file's bytes, a symlink's target, or a directory's names.
    private func deserialized(_ node: UnixFSNode, fields: HTTPFields, label: String) -> HTTPServerResponse {
        var fields = fields
        fields[.eTag] = "\"\(node.cid)\""
        switch node.kind {
        case .file:
            fields[.contentType] = "application/octet-stream"
            fields[.contentLength] = String(node.contentSize)
            let dag = self.dag
            return stream(fields, label: label) { pieces in
                var reader = dag.fileReader(node)
                while let piece = try reader.next() {
                    try await pieces.write(piece)
                }
            }
        case .symlink:
            return Self.goText(.ok, node.symlinkTarget ?? "", fields: fields)
        case .directory:
            let names = node.links.map { ($0.name ?? "") + "\n" }.joined()
            return Self.goText(.ok, names, fields: fields)
        }
    }

    /// A gateway body written in `bodyPieceSize` pieces; an error mid-stream aborts the response.
    private func stream(
        _ fields: HTTPFields, label: String, _ produce: @escaping @Sendable (IPFSBodyPieces) async throws -> Void
    ) -> HTTPServerResponse {
        let pieceSize = bodyPieceSize
        let trace = trace
        return HTTPServerResponse(head: HTTPResponse(status: .ok, headerFields: fields), body: .stream { writer in
            let pieces = IPFSBodyPieces(writer: writer, pieceSize: pieceSize)
            do {
                try await produce(pieces)
                try await pieces.flush()
            } catch let error as IPFSDAGError {
                try await pieces.flush()
                trace("registry", "\(label): aborted after \(pieces.byteCount) bytes: \(error)")
                throw error
            }
        })
    }

    /// `raw`, `tar`, `car` or nil (deserialized), from `?format=` first, then the Accept header.
    static func responseFormat(query: Substring, accept: String?) throws(IPFSRPCError) -> String? {
        let items = try IPFSRPCQuery(query)
        if let format = items.string("format"), !format.isEmpty {
            guard ["raw", "tar", "car"].contains(format) else {
                throw .badRequest("unsupported format \"\(format.prefix(50))\"; expected raw, tar or car")
            }
            return format
        }
        for range in (accept ?? "").split(separator: ",") {
            let type = range.split(separator: ";").first.map { $0.trimmingCharacters(in: " \t") } ?? ""
            switch type.lowercased() {
            case "application/vnd.ipld.raw": return "raw"
            case "application/x-tar": return "tar"
            case "application/vnd.ipld.car": return "car"
            default: continue
            }
        }
        return nil
    }
}

extension Substring {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

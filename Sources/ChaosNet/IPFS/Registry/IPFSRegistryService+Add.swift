import HTTPTypes

/// `add`: a multipart upload in, one NDJSON line per added file and directory out.
extension IPFSRegistryService {
    /// Reads and imports the whole upload before replying, so that a malformed upload is a 400 with a clear message
    /// rather than an error in the trailer; file content is imported while it streams in, never buffered whole.
    ///
    /// Flags: `cid-version`, `raw-leaves`, `chunker`, `wrap-with-directory` (`w`), `pin` (default true),
    /// `only-hash` (`n`: compute CIDs, store nothing). `hash` must be sha2-256 and `trickle` false; other options
    /// are ignored, as Kubo ignores unknown ones.
    func add(_ request: HTTPServerRequest, query: IPFSRPCQuery) async throws -> HTTPServerResponse {
        let flags = try Self.addFlags(query)
        let pin = try query.bool("pin") ?? true
        let onlyHash = try query.bool("only-hash", "n") ?? false
        let result: IPFSAddUpload.Result
        do {
            let boundary = try MultipartReader.boundary(fromContentType: request.head.headerFields[.contentType])
            let limits = MultipartReader.Limits(
                partCountMax: limits.uploadPartCountMax, byteCountMax: limits.uploadByteCountMax)
            let reader = try MultipartReader(body: request.body, boundary: boundary, limits: limits)
            result = try await IPFSAddUpload.read(reader, flags: flags)
        } catch let error as MultipartError {
            throw IPFSRPCError.badRequest(IPFSAddError.multipart(error).description)
        } catch let error as IPFSAddError {
            throw error.isClientError ? IPFSRPCError.badRequest(error.description) : .failed(error.description)
        }
        if !onlyHash {
            do {
                try store.put(result.blocks)
            } catch {
                throw IPFSRPCError.failed(error.description)
            }
            if pin { pins.append(contentsOf: result.roots.map(\.cid)) }
        }
        let lines = result.entries.map { name, node in
            JSONText.object([
                ("Name", JSONText.string(name)), ("Hash", JSONText.string(node.cid.description)),
                ("Size", JSONText.string(String(node.tsize))),
            ]) + "\n"
        }
        let label = "add of \(result.entries.count) entries"
        return rpcReply(contentType: "application/json", output: .chunked, label: label) { pieces in
            for line in lines {
                try await pieces.write(line)
            }
        }
    }

    private static func addFlags(_ query: IPFSRPCQuery) throws(IPFSRPCError) -> IPFSAddUpload.Flags {
        if let hash = query.string("hash"), hash != "sha2-256" {
            throw .badRequest("hash function \"\(hash.prefix(50))\" is not supported; only sha2-256 is")
        }
        if try query.bool("trickle", "t") == true {
            throw .badRequest("the trickle layout is not supported; only the balanced layout is")
        }
        let versionText = query.string("cid-version") ?? "0"
        guard let version = Int(versionText) else {
            throw .badRequest("invalid value \"\(versionText.prefix(50))\" for option \"cid-version\": expected 0 or 1")
        }
        var flags = IPFSAddUpload.Flags()
        do {
            flags.options = try UnixFSImportOptions(
                cidVersion: version, rawLeaves: try query.bool("raw-leaves"),
                chunker: query.string("chunker", "s") ?? "")
        } catch let error as UnixFSImportOptionsError {
            throw .badRequest(error.description)
        } catch let error as IPFSRPCError {
            throw error
        } catch {
            throw .badRequest("\(error)")
        }
        flags.wrapWithDirectory = try query.bool("wrap-with-directory", "w") ?? false
        return flags
    }
}

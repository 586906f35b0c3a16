import HTTPTypes

/// An RPC error reported before the first byte of the reply: a status and the message of Kubo's JSON error body.
struct IPFSRPCError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    /// A bad request (missing or malformed argument or option): 400.
    static func badRequest(_ message: String) -> IPFSRPCError {
        IPFSRPCError(status: .badRequest, message: message)
    }

    /// A failure of the command itself (missing content, a directory given to `cat`, a full store): 500.
    static func failed(_ message: String) -> IPFSRPCError {
        IPFSRPCError(status: .internalServerError, message: message)
    }

    /// A DAG error: 400 when the path was malformed, 500 otherwise.
    init(_ error: IPFSDAGError) {
        self.init(status: error.isClientError ? .badRequest : .internalServerError, message: error.description)
    }

    /// go-ipfs-cmds' error code: 1 (`ErrClient`) for client errors, which it answers with 400; 0 (`ErrNormal`)
    /// otherwise.
    var code: Int { status == .badRequest ? 1 : 0 }

    /// The body Kubo sends: `{"Message":…,"Code":…,"Type":"error"}` and a newline (Go's JSON encoder adds it).
    var body: String {
        JSONText.object([("Message", JSONText.string(message)), ("Code", String(code)), ("Type", "\"error\"")]) + "\n"
    }
}

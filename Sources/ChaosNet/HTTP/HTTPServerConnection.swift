/// What an HTTP server needs of the connection it serves: bytes in, bytes out, and the two ways to end it. A
/// `SimConnection` is one; in live mode a real socket is another, so that one exchange loop serves both.
public protocol HTTPServerConnection: AnyObject, Sendable {
    /// An id for trace and log lines, unique among the server's connections.
    var id: Int { get }
    /// The next bytes the peer sent, nil once it closed its side.
    func read() async throws -> ArraySlice<UInt8>?
    /// Sends `bytes`, suspending while the connection cannot take more.
    func write(_ bytes: ArraySlice<UInt8>) async throws
    /// Closes the connection in an orderly way (FIN after what was written).
    func close()
    /// Ends the connection abruptly (RST).
    func reset()
}

extension SimConnection: HTTPServerConnection {
    public func read() async throws -> ArraySlice<UInt8>? {
        try await read(maxLength: .max, deadline: nil)
    }
}

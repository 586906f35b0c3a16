/// A reliable, ordered, bidirectional byte stream: one TCP-like connection, seen from one of its ends.
///
/// `SimConnection` implements it on the simulated network; a socket implementation and the peer network's streams
/// implement it later, so that code written against it runs unchanged over any of them. Errors are `NetworkError`s.
/// Implementations state their own thread-safety; the simulated one is used on the simulation's thread.
public protocol ByteStream: AnyObject, Sendable {
    /// This end's address.
    var local: Endpoint { get }
    /// The other end's address.
    var remote: Endpoint { get }
    /// Queues `bytes` for sending; suspends while the send buffer is full (back-pressure). Throws
    /// `NetworkError.connectionReset` or `.connectionClosed` once the stream can no longer carry data.
    func write(_ bytes: ArraySlice<UInt8>) async throws
    /// The next piece of data, at most `maxLength` bytes; nil at the end of the stream (the peer shut its side down).
    /// With a `timeout`, throws `NetworkError.readTimeout` if nothing arrives within it.
    func read(maxLength: Int, timeout: Duration?) async throws -> ArraySlice<UInt8>?
    /// Half-closes: the peer reads the end of the stream after the data already queued; reading stays possible.
    func shutdownWrite()
    /// Closes this end: queued data is still sent, then the end of the stream; incoming data is discarded.
    func close()
    /// Aborts at once: both ends fail further reads and writes with `NetworkError.connectionReset`.
    func reset()
}

/// A listening endpoint that hands out the byte streams peers open to it.
public protocol ByteStreamListener: AnyObject, Sendable {
    associatedtype Stream: ByteStream
    var endpoint: Endpoint { get }
    /// The next incoming stream, or nil once the listener is closed.
    func accept() async throws -> Stream?
    /// Stops listening: new attempts are refused and a pending `accept` returns nil.
    func close()
}

/// How one host opens and accepts byte streams: what a component that talks a protocol of its own over TCP (rather
/// than HTTP through `HTTPClient`) depends on. The simulated network gives each host one
/// (`SimNetwork.transport(for:)`); real sockets and the peer network are further implementations.
public protocol Transport: Sendable {
    associatedtype Stream: ByteStream
    associatedtype Listener: ByteStreamListener where Listener.Stream == Stream
    /// The host this transport sends from.
    var host: String { get }
    /// Opens a stream to `endpoint`. Throws `NetworkError.connectionRefused`, `.connectTimeout` (after `timeout`) or
    /// `.unknownHost`.
    func connect(to endpoint: Endpoint, timeout: Duration?) async throws -> Stream
    /// Starts listening on this host's `port`. Throws `NetworkError.addressInUse`.
    func listen(port: Int) throws -> Listener
}

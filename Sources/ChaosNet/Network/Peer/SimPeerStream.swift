import ChaosCore

/// One bidirectional stream of a `SimPeerConnection`: bytes each way in `data` frames, `shutdownWrite` as the FIN,
/// `reset(code:)` aborting both directions. Reads wait on the simulation's clock and fail with the connection's
/// error once it closes.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimPeerStream: PeerStream, @unchecked Sendable, CustomStringConvertible {
    public let streamID: UInt64
    /// Unowned, so that nothing cycles: a handler may hold a stream after its connection closed, and the peer network
    /// keeps every connection it ever carried for as long as the simulation exists.
    unowned let connection: SimPeerConnection
    /// Data received and not yet read, oldest first.
    private var received: [ArraySlice<UInt8>] = []
    private var receivedFin = false
    /// The code the peer reset the stream with.
    private var peerResetCode: UInt64?
    /// The code this end reset it with.
    private var localResetCode: UInt64?
    private var sentFin = false
    /// `close()` was called: incoming data is dropped.
    private var discardsIncoming = false
    private let readable: PeerWaitList
    /// Set by a `streamReset` fault in its mid-response phase: the stream is reset with this code right after this
    /// end's first data frame.
    var resetAfterFirstWrite: UInt64?

    init(id: UInt64, connection: SimPeerConnection) {
        streamID = id
        self.connection = connection
        readable = PeerWaitList(connection.simulation)
    }

    public var local: Endpoint { connection.transport.local }
    public var remote: Endpoint { connection.transport.remote }
    public var description: String { "stream \(streamID) of \(connection)" }

    /// Whether the stream is done both ways (or reset): the connection then forgets it.
    var isFinished: Bool {
        localResetCode != nil || ((peerResetCode != nil || (sentFin && receivedFin)) && received.isEmpty)
    }

    // MARK: - ByteStream

    public func write(_ bytes: ArraySlice<UInt8>) async throws {
        var rest = bytes
        repeat {
            try checkWritable()
            let piece = rest.prefix(PeerFrame.dataMax)
            rest = rest.dropFirst(piece.count)
            connection.send(.data(stream: streamID, bytes: piece))
            if let code = resetAfterFirstWrite {
                resetAfterFirstWrite = nil
                reset(code: code)
            }
            try await connection.waitForSendRoom()
        } while !rest.isEmpty
    }

    public func read(maxLength: Int, timeout: Duration?) async throws -> ArraySlice<UInt8>? {
        precondition(maxLength > 0, "a read asks for at least one byte")
        let deadline = timeout.map { connection.simulation.now.advanced(by: $0) }
        while true {
            if let code = localResetCode { throw PeerConnectionError.localClosed(code: code, reason: "stream reset") }
            // Data that arrived before the peer's reset is still read, then the reset: a response cut midway shows
            // as the part that came, then the error.
            if !received.isEmpty {
                let piece = received[0].prefix(maxLength)
                received[0] = received[0].dropFirst(piece.count)
                if received[0].isEmpty { received.removeFirst() }
                connection.forgetIfFinished(self)
                return piece
            }
            if let code = peerResetCode { throw PeerConnectionError.streamReset(code: code) }
            if receivedFin { return nil }
            if let reason = connection.closedReason { throw reason }
            let woken = try await readable.wait(on: "peer stream \(self.streamID) read", deadline: deadline)
            if !woken, let timeout { throw NetworkError.readTimeout(after: timeout) }
        }
    }

    public func shutdownWrite() {
        guard !sentFin, localResetCode == nil, peerResetCode == nil, connection.closedReason == nil else { return }
        sentFin = true
        connection.send(.fin(stream: streamID))
        connection.forgetIfFinished(self)
    }

    public func close() {
        shutdownWrite()
        discardsIncoming = true
        received = []
        connection.forgetIfFinished(self)
    }

    public func reset() { reset(code: 0) }

    public func reset(code: UInt64) {
        guard localResetCode == nil, peerResetCode == nil else { return }
        localResetCode = code
        received = []
        if connection.closedReason == nil { connection.send(.reset(stream: streamID, code: code)) }
        readable.wakeAll()
        connection.forgetIfFinished(self)
    }

    private func checkWritable() throws {
        if let code = peerResetCode { throw PeerConnectionError.streamReset(code: code) }
        if let code = localResetCode { throw PeerConnectionError.localClosed(code: code, reason: "stream reset") }
        if let reason = connection.closedReason { throw reason }
        if sentFin { throw NetworkError.connectionClosed }
    }

    // MARK: - Frames from the connection

    func receive(_ bytes: ArraySlice<UInt8>) {
        guard !discardsIncoming, !receivedFin, peerResetCode == nil, localResetCode == nil else { return }
        received.append(bytes)
        readable.wakeAll()
    }

    func receiveFin() {
        receivedFin = true
        readable.wakeAll()
    }

    func receiveReset(code: UInt64) {
        guard peerResetCode == nil, localResetCode == nil else { return }
        peerResetCode = code
        readable.wakeAll()
    }

    /// The connection closed: every waiting read learns why.
    func connectionClosed() {
        readable.wakeAll()
    }
}

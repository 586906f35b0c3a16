import ChaosCore

/// A QUIC-like connection of the simulated peer network, carried by one `SimConnection` of the simulated network (so
/// links, latency, partitions and the fault plan apply to it): one round trip to dial, an id both ends share,
/// multiplexed bidirectional streams, keep-alive PINGs, an idle timeout, and closes with a code and a reason.
///
/// Its work runs as the simulation's tasks: a reader that turns frames into stream data, a writer that drains the
/// send queue in order, and a keep-alive timer; all end when the connection closes.
///
/// Not thread-safe: use on the simulation's thread.
public final class SimPeerConnection: PeerConnection, @unchecked Sendable, CustomStringConvertible {
    /// QUIC's PROTOCOL_VIOLATION: what a connection closes itself with when the peer sent bytes that are no frame.
    public static let protocolViolationCode: UInt64 = 0x0a

    /// For an inbound connection, set from the dialer's hello (before `accept` hands it out).
    public private(set) var sharedID: UInt64
    public let localNode: NodeID
    /// For an inbound connection, known once the dialer's hello arrived (before `accept` hands it out).
    public private(set) var remoteNode: NodeID
    public let direction: PeerConnectionDirection
    public private(set) var closedReason: PeerConnectionError?

    let simulation: Simulation
    let transport: SimConnection
    let settings: PeerSettings
    /// Unowned, so that nothing cycles: the peer network keeps every node it ever had, a crashed one replaced by a
    /// reboot included, for as long as the simulation exists.
    unowned let node: SimPeerNode
    private let openedAt: SimClock.Instant
    /// Keep-alive PINGs withheld by a `holdKeepAlives` fault, sent when it ends.
    private var heldPings = 0
    /// Closed by `silence`: nothing more is written to the transport.
    private var isSilenced = false
    /// Told once, when an inbound connection's hello arrives.
    private var onHello: ((SimPeerConnection) -> Void)?
    private var decoder = PeerFrameDecoder()
    private var streams: [UInt64: SimPeerStream] = [:]
    private var nextStreamID: UInt64
    private var inboundStreams: [SimPeerStream] = []
    private var outbox: [UInt8] = []
    private var writerRunning = false
    /// A close frame is queued: the writer closes the transport once it is sent.
    private var closeAfterSending = false
    private var lastReceived: SimClock.Instant
    private var lastSent: SimClock.Instant
    private var keepAliveTask: SimTask<Void>?
    private let changed: PeerWaitList

    init(
        transport: SimConnection, node: SimPeerNode, remoteNode: NodeID, sharedID: UInt64,
        direction: PeerConnectionDirection, onHello: ((SimPeerConnection) -> Void)? = nil
    ) {
        self.transport = transport
        self.node = node
        simulation = node.network.simulation
        settings = node.settings
        localNode = node.localNode
        openedAt = simulation.now
        self.remoteNode = remoteNode
        self.sharedID = sharedID
        self.direction = direction
        self.onHello = onHello
        // QUIC numbering: the dialer's bidirectional streams are 0, 4, 8…, the listener's 1, 5, 9….
        nextStreamID = direction == .outbound ? 0 : 1
        lastReceived = simulation.now
        lastSent = simulation.now
        changed = PeerWaitList(simulation)
    }

    public var description: String { "peer connection \(hexID) \(localNode)→\(remoteNode)" }

    /// The shared id in hex, as traces and wait points name the connection.
    private var hexID: String { String(sharedID, radix: 16) }

    /// The remainder mod 4 of the streams this end opens (QUIC: the dialer's 0, the listener's 1).
    private var ownParity: UInt64 { direction == .outbound ? 0 : 1 }

    /// Streams open in either direction (not yet finished both ways or reset).
    public var openStreamCount: Int { streams.count }

    /// Starts the reader and the keep-alive timer; an outbound connection first sends its hello.
    func start() {
        if direction == .outbound { send(.hello(node: localNode.rawValue, sharedID: sharedID)) }
        let name = "peer \(hexID) \(direction.rawValue)"
        simulation.spawn(name: "\(name) reader") { [self] in await readFrames() }
        keepAliveTask = simulation.spawn(name: "\(name) keep-alive") { [self] in await keepAlive() }
    }

    // MARK: - PeerConnection

    public func openStream() async throws -> any PeerStream {
        if let closedReason { throw closedReason }
        let stream = SimPeerStream(id: nextStreamID, connection: self)
        nextStreamID += 4
        streams[stream.streamID] = stream
        return stream
    }

    public func acceptStream() async throws -> (any PeerStream)? {
        while true {
            if !inboundStreams.isEmpty { return inboundStreams.removeFirst() }
            if closedReason != nil { return nil }
            _ = try await changed.wait(on: "peer connection \(self.hexID) accept stream")
        }
    }

    /// The application's close: recorded in the peer network's `applicationCloses`, where invariants read the codes
    /// a component used.
    public func close(code: UInt64, reason: String) {
        if closedReason == nil {
            node.peers.recordApplicationClose(
                PeerCloseRecord(
                    node: localNode, remoteNode: remoteNode, sharedID: sharedID, code: code, reason: reason,
                    openStreams: streams.count, atNanoseconds: simulation.now.nanosecondsSinceEpoch))
        }
        closeByTransport(code: code, reason: reason)
    }

    /// A close the transport or a fault makes (a rejected or aborted connection): the peer learns the code and
    /// reason, and no application close is recorded.
    func closeByTransport(code: UInt64, reason: String) {
        close(.localClosed(code: code, reason: reason), frame: .close(isApp: true, code: code, reason: reason))
    }

    public func waitClosed() async -> PeerConnectionError {
        while true {
            if let closedReason { return closedReason }
            do {
                _ = try await changed.wait(on: "peer connection \(self.hexID) close")
            } catch {
                return .notRunning
            }
        }
    }

    // MARK: - Sending

    /// Queues `frame` for the writer, which sends queued frames in order.
    func send(_ frame: PeerFrame) {
        guard closedReason == nil || closeAfterSending else { return }
        if closedReason == nil, rollRandomClose() { return }
        frame.encode(into: &outbox)
        lastSent = simulation.now
        guard !writerRunning else { return }
        writerRunning = true
        simulation.spawn(name: "peer \(hexID) writer") { [self] in await drain() }
    }

    /// Waits while more than the send buffer is queued: a stream write's back-pressure.
    func waitForSendRoom() async throws {
        while outbox.count > settings.sendBufferSize {
            if let closedReason { throw closedReason }
            _ = try await changed.wait(on: "peer connection \(self.hexID) send buffer")
        }
    }

    private func drain() async {
        while !outbox.isEmpty, !isSilenced {
            let chunk = outbox
            outbox = []
            do {
                try await transport.write(chunk[...])
            } catch {
                lost()
                break
            }
            changed.wakeAll()
        }
        writerRunning = false
        if closeAfterSending { transport.close() }
    }

    // MARK: - Receiving

    private func readFrames() async {
        while closedReason == nil {
            let bytes: ArraySlice<UInt8>?
            do {
                bytes = try await transport.read(maxLength: .max)
            } catch {
                lost()
                return
            }
            guard let bytes else {
                lost()
                return
            }
            lastReceived = simulation.now
            let frames: [PeerFrame]
            do {
                frames = try decoder.feed(bytes)
            } catch {
                let reason = error.description
                simulation.trace("peer", "\(self): \(reason)")
                close(
                    .localClosed(code: Self.protocolViolationCode, reason: reason),
                    frame: .close(isApp: false, code: Self.protocolViolationCode, reason: reason))
                return
            }
            for frame in frames where closedReason == nil {
                if rollRandomClose() { break }
                handle(frame)
            }
        }
    }

    private func handle(_ frame: PeerFrame) {
        if let onHello {
            guard case let .hello(node, shared) = frame else {
                return violation("the first frame of an inbound connection must be its hello")
            }
            remoteNode = NodeID(node)
            sharedID = shared
            self.onHello = nil
            onHello(self)
            return
        }
        switch frame {
        case .hello:
            violation("a second hello")
        case let .data(id, bytes):
            guard let stream = stream(id) else { return }
            stream.receive(bytes)
        case let .fin(id):
            guard let stream = stream(id) else { return }
            stream.receiveFin()
            forgetIfFinished(stream)
        case let .reset(id, code):
            guard let stream = stream(id) else { return }
            stream.receiveReset(code: code)
            forgetIfFinished(stream)
        case .ping:
            break
        case let .close(isApp, code, reason):
            close(.peerClosed(isApp: isApp, code: code, reason: reason), frame: nil)
        }
    }

    /// The stream a frame names: an open one, or a new one the peer opened (its parity, not seen before).
    private func stream(_ id: UInt64) -> SimPeerStream? {
        if let stream = streams[id] { return stream }
        guard id % 4 == 1 - ownParity else { return nil }  // one of ours, already finished: late frames are dropped
        guard !finishedPeerStreams.contains(id) else { return nil }
        let stream = SimPeerStream(id: id, connection: self)
        streams[id] = stream
        inboundStreams.append(stream)
        changed.wakeAll()
        injectStreamReset(into: stream)
        return stream
    }

    /// Streams the peer opened that are finished: frames for them that arrive late must not open them again.
    private var finishedPeerStreams: Set<UInt64> = []

    func forgetIfFinished(_ stream: SimPeerStream) {
        guard stream.isFinished, streams.removeValue(forKey: stream.streamID) != nil else { return }
        if stream.streamID % 4 != ownParity { finishedPeerStreams.insert(stream.streamID) }
    }

    private func violation(_ message: String) {
        simulation.trace("peer", "\(self): \(message)")
        close(
            .localClosed(code: Self.protocolViolationCode, reason: message),
            frame: .close(isApp: false, code: Self.protocolViolationCode, reason: message))
    }

    // MARK: - Keep-alive and closing

    private func keepAlive() async {
        let clock = simulation.clock
        while closedReason == nil {
            let idleDeadline = lastReceived.advanced(by: settings.maxIdleTimeout)
            var wake = min(idleDeadline, lastSent.advanced(by: settings.keepAliveInterval))
            let hold = keepAliveHold()
            // While keep-alives are held, nothing is sent before the hold ends (or the idle timeout strikes).
            if let hold { wake = min(idleDeadline, hold.end ?? idleDeadline) }
            do {
                try await clock.sleep(until: wake)
            } catch {
                return
            }
            guard closedReason == nil else { return }
            if clock.now >= lastReceived.advanced(by: settings.maxIdleTimeout) {
                simulation.trace("peer", "\(self): idle for \(settings.maxIdleTimeout.formattedSeconds)")
                close(.idleTimeout, frame: nil)
                return
            }
            if let state = keepAliveHold()?.state {
                if clock.now >= lastSent.advanced(by: settings.keepAliveInterval), heldPings == 0 {
                    heldPings = 1
                    node.peers.traceFiring(state, "\(self) holds its keep-alives")
                }
                continue
            }
            if heldPings > 0 {
                simulation.trace("peer", "\(self): releases its held keep-alives")
                heldPings = 0
                send(.ping)
            } else if clock.now >= lastSent.advanced(by: settings.keepAliveInterval) {
                send(.ping)
            }
        }
    }

    /// The `holdKeepAlives` fault acting on this node now, and when its active period ends.
    private func keepAliveHold() -> (state: PeerFaultState, end: SimClock.Instant?)? {
        for state in node.peers.activeFaults(on: localNode) {
            if case .holdKeepAlives = state.fault.kind { return (state, state.activeUntil(simulation.now)) }
        }
        return nil
    }

    // MARK: - Faults

    /// A `randomClose` fault's roll for one frame: FoundationDB's thirds, the peer's end, both, or this one, each
    /// closed without a frame. Returns whether this end closed.
    private func rollRandomClose() -> Bool {
        for state in node.peers.activeFaults(on: localNode) {
            guard case let .randomClose(probability, cooldown) = state.fault.kind,
                  simulation.now >= openedAt.advanced(by: cooldown), state.random.chance(probability)
            else { continue }
            let draw = state.random.unitInterval()
            let closesPeer = draw < 0.66
            let closesHere = draw > 0.33
            let which = closesPeer && closesHere ? "both ends" : closesPeer ? "the peer's end" : "this end"
            node.peers.traceFiring(state, "random close of \(self): \(which)")
            let reason = PeerConnectionError.localClosed(code: 0, reason: "closed at random")
            if closesPeer { node.peers.otherEnd(of: self)?.silence(reason) }
            if closesHere { silence(reason) }
            return closesHere
        }
        return false
    }

    /// A `streamReset` fault's roll for a stream the peer opened here.
    private func injectStreamReset(into stream: SimPeerStream) {
        for state in node.peers.activeFaults(on: localNode) {
            guard case let .streamReset(probability, phase, code) = state.fault.kind,
                  state.random.chance(probability)
            else { continue }
            node.peers.traceFiring(state, "\(stream) reset with code \(code) \(phase.rawValue)")
            switch phase {
            case .beforeFirstByte: stream.reset(code: code)
            case .midResponse: stream.resetAfterFirstWrite = code
            }
            return
        }
    }

    /// Closes this end without a word: no frame, the transport left as it is, so the peer sees nothing (a crashed
    /// process, or one end of FoundationDB's random close). The reader stops at its next delivery.
    func silence(_ reason: PeerConnectionError) {
        guard closedReason == nil else { return }
        isSilenced = true
        outbox = []
        close(reason, frame: nil, touchingTransport: false)
    }

    /// The transport ended without a close frame (reset, or closed under us).
    private func lost() {
        close(.peerClosed(isApp: false, code: 0, reason: "the connection was lost"), frame: nil)
    }

    /// Closes once: records why, sends `frame` first if there is one, then closes the transport; every waiting
    /// stream, accept and close wait then learns why.
    private func close(_ reason: PeerConnectionError, frame: PeerFrame?, touchingTransport: Bool = true) {
        guard closedReason == nil else { return }
        closedReason = reason
        simulation.trace("peer", "\(self) closed: \(reason)")
        node.forget(self)
        if let frame {
            closeAfterSending = true
            send(frame)
        } else if touchingTransport {
            // No reset: an idle timeout sends nothing the peer could see (QUIC drops its state silently), and a
            // lost transport is gone already. The peer learns of it only from its own timeout, or a late FIN.
            transport.close()
        }
        for stream in streams.values.sorted(by: { $0.streamID < $1.streamID }) { stream.connectionClosed() }
        streams = [:]
        changed.wakeAll()
        // The keep-alive would sleep until its next deadline; the reader ends with the transport, and the writer
        // once the close frame is out.
        keepAliveTask?.cancel()
    }
}

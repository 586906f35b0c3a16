import ChaosCore

extension NodeConnectionManager {
    /// A connection a peer dialled. The naive handler runs in the background behind the manager's "ready" guard and
    /// the node's dial lock, and rethrows: an inbound connection while stopping throws "not running" where nobody
    /// catches it. It refuses a duplicate with the literal 42, forced, as the peer does on its side. The robust
    /// handler is synchronous: it refuses with a typed code while stopping and settles a duplicate by shared id.
    func handleInbound(_ connection: any PeerConnection) {
        switch variant {
        case .naive:
            background.start("ncm reverse connection") { [self] in
                try await handleConnectionReverse(connection)
            }
        case .robust:
            guard state == .running else {
                connection.close(.nodeStopping)
                return
            }
            _ = adopt(connection)
        }
    }

    private func handleConnectionReverse(_ connection: any PeerConnection) async throws {
        guard state == .running else { throw ConnectionManagerError.notRunning }
        try await withLock(connection.remoteNode) {
            // The guard again: the lock may have been held across a stop.
            guard state == .running else { throw ConnectionManagerError.notRunning }
            if let existing = active[connection.remoteNode], existing.isOpen {
                log("already connected to \(connection.remoteNode): refusing \(hex(connection.sharedID)) with 42")
                connection.close(code: NaiveCloseCode.duplicate, reason: NaiveCloseCode.duplicateReason)
                return
            }
            _ = adopt(connection)
        }
    }

    /// A stream the peer opened: one RPC to serve. The naive handler rethrows in the background (a reset stream or a
    /// closed connection mid-response escapes); the robust one logs and resets, and counts the stream as a use of
    /// the connection until it ends.
    func handleStream(_ stream: any PeerStream, on connection: any PeerConnection) {
        let node = connection.remoteNode
        switch variant {
        case .naive:
            background.start("ncm inbound stream") { [self] in
                try await serve(stream)
            }
        case .robust:
            if let entry = entry(of: connection) {
                entry.inbound += 1
                entry.cancelTTL()
            }
            background.start("ncm inbound stream") { [self] in
                do {
                    try await serve(stream)
                } catch {
                    log("an RPC from \(node) failed: \(error)")
                    stream.reset(code: 0)
                }
                await inboundStreamEnded(on: connection)
            }
        }
    }

    private func inboundStreamEnded(on connection: any PeerConnection) {
        guard let entry = entry(of: connection) else { return }
        entry.inbound -= 1
        armTTLIfUnused(entry)  // unused again: the TTL starts over
    }

    /// Reads one request to its end, answers it, finishes.
    private func serve(_ stream: any PeerStream) async throws {
        let bytes = try await withTimeout(settings.rpcTimeout, clock: clock) {
            try await NodeRPCStreamReader.readAll(stream, max: NodeRPCRequest.maxPayload + 5)
        }
        let response: NodeRPCResponse
        do {
            response = try await answer(NodeRPCRequest.decode(bytes))
        } catch let error as NodeRPCDecodingError {
            response = .failure(error.description)
        }
        try await stream.write(response.encoded()[...])
        stream.close()
    }

    private func answer(_ request: NodeRPCRequest) async throws -> NodeRPCResponse {
        switch request {
        case .ping:
            return .empty
        case let .echo(bytes, delay):
            if delay > .zero { try await clock.sleep(for: delay) }
            return .bytes(bytes)
        case let .closestNodes(target):
            var contacts = graph.closest(to: target, count: settings.k)
            // The answering node is a contact too: the asker learns it answered.
            contacts.append(NodeContact(node: localNode, address: localAddress))
            return .contacts(contacts)
        }
    }
}

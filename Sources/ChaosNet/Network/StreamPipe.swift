/// One direction of a connection: the sender's queue, the segments in flight, and the receiver's buffer.
///
/// Data leaves the queue one segment at a time at departure times (bandwidth and slicing space them out); at each
/// departure the network evaluates the link and the active faults, which may delay, hold, drop or cut the data.
/// Segments are slices of the written buffers: moving data never copies bytes.
final class StreamPipe {
    /// Weak: in-flight deliveries may outlive every handle to the connection, and then have nowhere to go.
    private weak var connectionReference: ConnectionState?
    var connection: ConnectionState { connectionReference! }
    let direction: FaultDirection
    let from: Endpoint
    let to: Endpoint

    // Sender side.
    private var pending: [ArraySlice<UInt8>] = []
    private var pendingHead = 0
    private(set) var pendingBytes = 0
    private var finQueued = false
    private var finSent = false
    private var departureScheduled = false
    private var lastArrival: Int64 = 0
    private(set) var bytesDeparted = 0
    /// While the path loses what this direction sends: when the first loss happened and how many retransmissions
    /// have been tried since.
    private var lossStartedAt: Int64?
    private var retransmissions = 0
    private let sendWaiter: SimWaiter<Void>

    // Receiver side.
    private var buffer: [ArraySlice<UInt8>] = []
    private var bufferHead = 0
    private var finReceived = false
    private var discarding = false
    private var readMaxLength = Int.max
    private var readStartedAt: Int64 = 0
    private let readWaiter: SimWaiter<ArraySlice<UInt8>?>

    init(connection: ConnectionState, direction: FaultDirection, from: Endpoint, to: Endpoint) {
        self.connectionReference = connection
        self.network = connection.network
        self.direction = direction
        self.from = from
        self.to = to
        self.sendWaiter = SimWaiter(connection.network.simulation)
        self.readWaiter = SimWaiter(connection.network.simulation)
    }

    /// The network outlives every connection (the simulation owns it), so it is held directly.
    private unowned let network: SimNetwork

    // MARK: - Sending

    func write(_ bytes: ArraySlice<UInt8>) async throws {
        if connection.isReset { throw NetworkError.connectionReset }
        if finQueued { throw NetworkError.connectionClosed }
        guard !bytes.isEmpty else { return }
        pending.append(bytes)
        pendingBytes += bytes.count
        scheduleDeparture(at: network.nowNanoseconds)
        let capacity = network.link(from.host, to.host).sendBufferSize
        while pendingBytes > capacity {
            try await sendWaiter.wait(
                on: "send buffer of \(self.connection.label) (\(self.direction.rawValue))",
                timeoutError: { CancellationError() }
            )
            if connection.isReset { throw NetworkError.connectionReset }
        }
    }

    func shutdownWrite() {
        guard !finQueued else { return }
        finQueued = true
        scheduleDeparture(at: network.nowNanoseconds)
    }

    /// Looks again at held data (a hold was released or a fault removed).
    func kick() {
        scheduleDeparture(at: network.nowNanoseconds)
    }

    private func scheduleDeparture(at time: Int64) {
        // The connection may be gone when a released hold kicks a pipe nobody holds any more.
        guard !departureScheduled, let connection = connectionReference, !connection.isReset else { return }
        guard pendingBytes > 0 || (finQueued && !finSent) else { return }
        departureScheduled = true
        network.simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: time)) { [weak self] in
            self?.depart()
        }
    }

    private func depart() {
        departureScheduled = false
        guard let connection = connectionReference, !connection.isReset else { return }
        guard pendingBytes > 0 || (finQueued && !finSent) else { return }
        let now = network.nowNanoseconds
        if let started = lossStartedAt,
           now - started >= network.link(from.host, to.host).retransmission.giveUpAfter.nanosecondsClamped
        {
            // The budget's last timer aborts whether or not the path healed since the last retransmission, as Linux's
            // does: nothing was sent in between that could have got through.
            connection.reset(
                reason: "retransmission timeout: \(retransmissions) retransmissions over "
                    + "\(Duration.nanoseconds(now - started).formattedSeconds)")
            return
        }
        let conditions = network.conditions(for: self, at: now)
        switch conditions.gate {
        case .open:
            break
        case let .hold(until):
            if let until {
                scheduleDeparture(at: max(until, now + 1))
            } else {
                network.parkHeld(self)
            }
            return
        case let .reset(reason):
            connection.reset(reason: reason)
            return
        }
        if let loser = conditions.lostBy {
            retransmitLater(lostBy: loser, conditions: conditions, at: now)
            return
        }
        if let started = lossStartedAt {
            network.simulation.trace(
                "network", "\(connection.label) \(direction.rawValue): delivered after \(retransmissions) "
                    + "retransmission(s), \(Duration.nanoseconds(now - started).formattedSeconds) after the first loss")
            lossStartedAt = nil
            retransmissions = 0
        }
        if pendingBytes == 0 {
            sendFIN(at: now, conditions: conditions)
            return
        }
        var size = conditions.segmentSize
        if let limit = conditions.limitData {
            let remaining = limit - bytesDeparted
            if remaining <= 0 {
                cutAtLimit(limit, sendingFINAt: now)
                return
            }
            size = min(size, remaining)
        }
        let segment = takePending(upTo: size)
        bytesDeparted += segment.count
        let transmit = conditions.transmitNanoseconds(segment.count)
        if let dropper = conditions.dropBy {
            network.recordDrop(by: dropper, pipe: self, bytes: segment.count)
        } else {
            let jitter = conditions.jitterMax > 0
                ? Int64(network.simulation.random("network.jitter").uniform(below: Int(conditions.jitterMax) + 1))
                : 0
            let arrival = max(lastArrival, saturatingAdd(now, transmit + conditions.latency + jitter))
            lastArrival = arrival
            // This object is also the receiving half of its direction.
            network.simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: arrival)) {
                self.deliver(segment)
            }
        }
        wakeSender()
        if let limit = conditions.limitData, bytesDeparted >= limit {
            cutAtLimit(limit, sendingFINAt: saturatingAdd(now, transmit))
            return
        }
        scheduleDeparture(at: saturatingAdd(now, transmit + conditions.sliceDelay))
    }

    /// The path lost the next segment (or the end of stream): it stays queued, and is sent again after the
    /// retransmission timeout, which backs off while the loss lasts. A retransmission that would fall after the retry
    /// budget is replaced by the give-up at the budget's end (`depart` resets then), as a real stack does; no byte is
    /// ever skipped.
    private func retransmitLater(lostBy fault: String, conditions: PipeConditions, at now: Int64) {
        let policy = conditions.retransmission
        let started = lossStartedAt ?? now
        if lossStartedAt == nil {
            lossStartedAt = now
            network.simulation.trace(
                "fault", "\(fault) lost a segment on \(connection.label) \(direction.rawValue): retransmitting")
        }
        retransmissions += 1
        let roundTrip = Duration.nanoseconds(saturatingAdd(conditions.latency, conditions.latency))
        let wait = policy.timeout(beforeRetransmission: retransmissions, roundTrip: roundTrip).nanosecondsClamped
        let giveUp = saturatingAdd(started, policy.giveUpAfter.nanosecondsClamped)
        scheduleDeparture(at: max(min(saturatingAdd(now, wait), giveUp), now + 1))
    }

    /// limit_data reached: what went out still arrives, the rest is discarded, an end of stream follows the data, and
    /// the other direction closes too, as when toxiproxy drops the connection.
    private func cutAtLimit(_ limit: Int, sendingFINAt time: Int64) {
        pending.removeAll()
        pendingHead = 0
        pendingBytes = 0
        finQueued = true
        wakeSender()
        scheduleDeparture(at: time)
        let connection = self.connection
        network.simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: time)) {
            connection.closeBothDirections(reason: "limit_data of \(limit) bytes reached")
        }
    }

    private func sendFIN(at now: Int64, conditions: PipeConditions) {
        finSent = true
        if let dropper = conditions.dropBy {
            // A black hole swallows the close too: the reader keeps waiting, as it would on a real stalled socket.
            network.simulation.trace("fault", "\(dropper) dropped the end of stream on \(connection.label) \(direction.rawValue)")
            return
        }
        let arrival = max(lastArrival, saturatingAdd(now, conditions.latency + conditions.slowCloseDelay))
        lastArrival = arrival
        network.simulation.schedule(at: SimClock.Instant(nanosecondsSinceEpoch: arrival)) {
            self.deliverEndOfStream()
        }
    }

    private func takePending(upTo size: Int) -> ArraySlice<UInt8> {
        let head = pending[pendingHead]
        let segment: ArraySlice<UInt8>
        if head.count <= size {
            segment = head
            pending[pendingHead] = []
            pendingHead += 1
            if pendingHead == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingHead = 0
            }
        } else {
            segment = head.prefix(size)
            pending[pendingHead] = head.dropFirst(size)
        }
        pendingBytes -= segment.count
        return segment
    }

    private func wakeSender() {
        guard sendWaiter.isWaiting else { return }
        if pendingBytes <= network.link(from.host, to.host).sendBufferSize || connectionReference?.isReset != false {
            sendWaiter.resume(returning: ())
        }
    }

    // MARK: - Receiving

    func read(maxLength: Int, deadline: SimClock.Instant?) async throws -> ArraySlice<UInt8>? {
        if connection.isReset { throw NetworkError.connectionReset }
        if let chunk = takeBuffered(maxLength: maxLength) { return chunk }
        if finReceived || discarding { return nil }
        readMaxLength = maxLength
        readStartedAt = network.nowNanoseconds
        let startedAt = readStartedAt
        let network = self.network
        return try await readWaiter.wait(
            on: "read on \(self.connection.label) (\(self.direction.rawValue) data)",
            deadline: deadline,
            timeoutError: { NetworkError.readTimeout(after: .nanoseconds(network.nowNanoseconds - startedAt)) }
        )
    }

    func deliver(_ segment: ArraySlice<UInt8>) {
        guard let connection = connectionReference, !connection.isReset, !discarding else { return }
        // Straight to a waiting reader only if nothing is buffered ahead; a reader resumed with an earlier segment
        // but not yet run is not waiting, so a second segment of the same instant queues behind the first.
        if bufferHead == buffer.count, readWaiter.resume(returning: segment.prefix(readMaxLength)) {
            if segment.count > readMaxLength { buffer.append(segment.dropFirst(readMaxLength)) }
            return
        }
        buffer.append(segment)
    }

    func deliverEndOfStream() {
        guard let connection = connectionReference, !connection.isReset else { return }
        finReceived = true
        if readWaiter.isWaiting, bufferHead == buffer.count {
            readWaiter.resume(returning: nil)
        }
    }

    func discardIncoming() {
        discarding = true
        buffer.removeAll()
        bufferHead = 0
        if readWaiter.isWaiting { readWaiter.resume(returning: nil) }
    }

    private func takeBuffered(maxLength: Int) -> ArraySlice<UInt8>? {
        guard bufferHead < buffer.count else { return nil }
        let head = buffer[bufferHead]
        if head.count <= maxLength {
            buffer[bufferHead] = []
            bufferHead += 1
            if bufferHead == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                bufferHead = 0
            }
            return head
        }
        buffer[bufferHead] = head.dropFirst(maxLength)
        return head.prefix(maxLength)
    }

    // MARK: - Abort

    /// The connection was reset: drop everything and fail whoever waits.
    func abort() {
        pending.removeAll()
        pendingHead = 0
        pendingBytes = 0
        buffer.removeAll()
        bufferHead = 0
        if readWaiter.isWaiting { readWaiter.resume(throwing: NetworkError.connectionReset) }
        if sendWaiter.isWaiting { sendWaiter.resume(throwing: NetworkError.connectionReset) }
    }
}

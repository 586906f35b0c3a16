extension FaultPlan {
    /// Folds `link` and every active network fault, in order, into the conditions of the next segment leaving `pipe`
    /// at `now`. Toxicity is drawn once per connection (`ConnectionState.applies`): a latency fault at 50% slows about
    /// half of the connections, each for its whole life.
    func segmentConditions(for pipe: StreamPipe, link: LinkConditions, at now: Int64) -> PipeConditions {
        segmentConditions(on: pipe.connection, direction: pipe.direction, link: link, at: now)
    }

    /// The same question for any connection, simulated or real (live mode), in `direction`.
    func segmentConditions(
        on connection: some FaultedConnection, direction: FaultDirection, link: LinkConditions, at now: Int64
    ) -> PipeConditions {
        var conditions = PipeConditions(link: link)
        guard !faults.isEmpty else { return conditions }
        for fault in faults where !fault.kind.isHTTPLevel && matches(fault, connection, direction) {
            guard let period = schedule(of: fault).activePeriod(at: now) else { continue }
            guard connection.applies(fault, plan: self) else { continue }
            if apply(fault, period: period, to: &conditions, connection: connection, at: now) {
                traceFiring(fault, period: period, connection: connection, direction: direction)
            }
        }
        return conditions
    }

    /// Applies one active fault; returns whether it changed anything.
    private func apply(
        _ fault: Fault, period: (start: Int64, end: Int64), to conditions: inout PipeConditions,
        connection: some FaultedConnection, at now: Int64
    ) -> Bool {
        switch fault.kind {
        case let .latency(base, jitter):
            conditions.latency += base.nanosecondsClamped
            conditions.jitterMax += jitter.nanosecondsClamped
        case let .bandwidth(rate):
            conditions.bandwidthBytesPerSecond = min(conditions.bandwidthBytesPerSecond ?? .max, rate)
        case let .slicer(averageSize, variation, delay):
            let low = max(1, averageSize - variation)
            let high = max(low, averageSize + variation)
            let random = connection.sliceRandom(for: fault)
            conditions.segmentSize = min(conditions.segmentSize, low + random.uniform(below: high - low + 1))
            conditions.sliceDelay = delay.nanosecondsClamped
        case let .limitData(bytes):
            conditions.limitData = min(conditions.limitData ?? .max, bytes)
        case let .resetPeer(after):
            let resetAt = saturatingAdd(connection.createdAt, after.nanosecondsClamped)
            if now >= resetAt {
                conditions.gate = .reset(reason: "fault \(fault.name) (reset_peer)")
            } else if connection.arrangedFaultEffects.insert(fault.name).inserted {
                connection.arrangeReset(at: resetAt, reason: "fault \(fault.name) (reset_peer)")
            }
        case let .timeout(closeAfter):
            // toxiproxy's `timeout`: a proxy that swallows data, so the bytes never arrive (unlike a partition).
            conditions.dropBy = conditions.dropBy ?? fault.name
            if let closeAfter, connection.arrangedFaultEffects.insert(fault.name).inserted {
                connection.arrangeClose(after: closeAfter, reason: "fault \(fault.name) (timeout) closed it")
            }
        case let .slowClose(delay):
            conditions.slowCloseDelay += delay.nanosecondsClamped
        case .partition:
            // Loss on the path: the sender's stack keeps the segment and retransmits it (`RetransmissionPolicy`).
            conditions.lostBy = conditions.lostBy ?? fault.name
        case .clog:
            conditions.gate = Self.holdGate(conditions.gate, until: period.end == .max ? nil : period.end)
        case .hold:
            guard !releasedHolds.contains(fault.name) else { return false }
            conditions.gate = Self.holdGate(conditions.gate, until: nil)
        case .down, .httpStatus, .httpSlowHeaders, .httpStallBody, .httpTruncateBody, .httpAbortMidChunk,
             .httpCloseBetweenChunks:
            // `down` refuses connection attempts only; HTTP faults act on responses (`responsePlan`).
            return false
        }
        return true
    }

    private static func holdGate(_ gate: PipeConditions.Gate, until: Int64?) -> PipeConditions.Gate {
        switch gate {
        case .reset: gate
        case .open: .hold(until: until)
        case let .hold(existing):
            // The later release wins; nil (explicit release) is latest of all.
            .hold(until: existing.flatMap { old in until.map { max(old, $0) } })
        }
    }

    private func matches(_ fault: Fault, _ connection: some FaultedConnection, _ direction: FaultDirection) -> Bool {
        switch fault.kind {
        case .partition, .clog, .hold:
            let hosts = connection.hosts(direction)
            return fault.blocksPath(from: hosts.from, to: hosts.to)
        case .latency, .bandwidth, .slicer, .limitData, .resetPeer, .timeout, .slowClose, .down, .httpStatus,
             .httpSlowHeaders, .httpStallBody, .httpTruncateBody, .httpAbortMidChunk, .httpCloseBetweenChunks:
            guard fault.direction.covers(direction) else { return false }
            switch fault.target {
            case let .link(a, b):
                let hosts = (connection.initiator.host, connection.acceptor.host)
                return (hosts.0 == a && hosts.1 == b) || (hosts.0 == b && hosts.1 == a)
            case let .service(host, port):
                return connection.acceptor == Endpoint(host: host, port: port)
            case let .host(name):
                return connection.initiator.host == name || connection.acceptor.host == name
            }
        }
    }

    private func traceFiring(
        _ fault: Fault, period: (start: Int64, end: Int64), connection: some FaultedConnection,
        direction: FaultDirection
    ) {
        let key = FaultPeriodKey(fault: fault.name, periodStart: period.start, direction: direction)
        guard connection.tracedFaultPeriods.insert(key).inserted else { return }
        trace("\(fault.name) (\(fault.kind)) acts on \(connection.label) \(direction.rawValue)")
    }

    /// A black hole swallowed a segment (traced each time: the bytes are gone).
    func recordDrop(by fault: String, pipe: StreamPipe, bytes: Int) {
        trace("\(fault) dropped \(bytes) bytes on \(pipe.connection.label) \(pipe.direction.rawValue)")
    }
}

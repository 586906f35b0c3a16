/// What the fault plan says about one connection attempt (one SYN).
enum ConnectDecision {
    /// A `down` fault refuses the attempt: the RST comes back after one round trip, slowed by the latency faults
    /// listed before it (`extraOneWay`).
    case refused(by: String, extraOneWay: Int64)
    /// A partition, clog or hold loses the SYN; TCP retransmits it, no earlier than the given time (a clog's end).
    case lost(retryNoEarlierThan: SimClock.Instant?)
    /// No fault stops the attempt; latency faults on the path add `extraOneWay` to each direction of the handshake.
    case proceed(extraOneWay: Int64)
}

extension FaultPlan {
    /// Decides one connection attempt from `host` to `acceptor` at `now`. Toxicity is drawn per attempt: a `down`
    /// fault at 30% refuses about 30% of the SYNs.
    func connectDecision(from host: String, to acceptor: Endpoint, at now: Int64) -> ConnectDecision {
        var extraOneWay: Int64 = 0
        for fault in faults {
            guard let period = schedule(of: fault).activePeriod(at: now) else { continue }
            switch fault.kind {
            case .down:
                guard fault.target.coversConnection(from: host, to: acceptor) else { continue }
                guard drawToxicity(fault.toxicity, of: fault.name) else { continue }
                trace("\(fault.name) (down) refuses \(host) → \(acceptor)")
                return .refused(by: fault.name, extraOneWay: extraOneWay)
            case .partition, .clog, .hold:
                guard blocksHandshake(fault, from: host, to: acceptor.host) else { continue }
                if case .hold = fault.kind, releasedHolds.contains(fault.name) { continue }
                guard drawToxicity(fault.toxicity, of: fault.name) else { continue }
                trace("\(fault.name) (\(fault.kind.name)) loses SYN \(host) → \(acceptor)")
                let retry: SimClock.Instant? = if case .clog = fault.kind, period.end != .max {
                    SimClock.Instant(nanosecondsSinceEpoch: period.end)
                } else {
                    nil
                }
                return .lost(retryNoEarlierThan: retry)
            case let .latency(base, _):
                if fault.target.coversConnection(from: host, to: acceptor) { extraOneWay += base.nanosecondsClamped }
            case .bandwidth, .slicer, .limitData, .resetPeer, .timeout, .slowClose, .httpStatus, .httpSlowHeaders,
                 .httpStallBody, .httpTruncateBody, .httpAbortMidChunk, .httpCloseBetweenChunks:
                // These act on established connections or on responses, not on handshakes.
                continue
            }
        }
        return .proceed(extraOneWay: extraOneWay)
    }

    /// A handshake needs both directions, so a one-way partition or clog either way blocks it.
    private func blocksHandshake(_ fault: Fault, from host: String, to target: String) -> Bool {
        fault.blocksPath(from: host, to: target) || fault.blocksPath(from: target, to: host)
    }
}

extension FaultTarget {
    /// Whether a connection from `host` to `acceptor` is one this target names.
    func coversConnection(from host: String, to acceptor: Endpoint) -> Bool {
        switch self {
        case let .service(serviceHost, port): serviceHost == acceptor.host && port == acceptor.port
        case let .link(a, b): (a == host && b == acceptor.host) || (b == host && a == acceptor.host)
        case let .host(name): name == host || name == acceptor.host
        }
    }
}

extension Fault {
    /// Whether a partition, clog or hold fault acts on packets going from `source` to `destination`.
    func blocksPath(from source: String, to destination: String) -> Bool {
        switch target {
        case let .link(a, b):
            if source == a && destination == b { return direction.covers(.upstream) }
            if source == b && destination == a { return direction.covers(.downstream) }
            return false
        case let .host(name):
            if destination == name { return direction.covers(.upstream) }
            if source == name { return direction.covers(.downstream) }
            return false
        case let .service(serviceHost, _):
            if destination == serviceHost { return direction.covers(.upstream) }
            if source == serviceHost { return direction.covers(.downstream) }
            return false
        }
    }
}

extension FaultPlan {
    /// Live mode's question when a real connection from `host` to the service at `endpoint` is accepted: the name
    /// of the `down` fault that refuses it now, nil when none does (the connection is then served).
    public func refusingFault(from host: String, to endpoint: Endpoint) -> String? {
        guard case let .refused(by: name, _) = connectDecision(from: host, to: endpoint, at: nowNanoseconds) else {
            return nil
        }
        return name
    }
}

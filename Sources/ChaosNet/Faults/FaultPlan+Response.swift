/// What the fault plan does to one HTTP response: drawn once, before the handler runs, so that every fault that
/// acts on the response was decided by one toxicity draw.
struct ResponsePlan {
    /// How a body fault ends the body early.
    enum BodyCut {
        case truncate(after: Int), abortMidChunk(after: Int), closeBetweenChunks(after: Int)
    }

    /// The first `http_status` fault: the response is this status instead of the handler's.
    var status: (fault: Fault, code: Int, retryAfter: Duration?)?
    /// Every `http_slow_headers` fault, in order: each delays the head.
    var headDelays: [(fault: Fault, delay: Duration)] = []
    /// The first `http_stall_body` fault.
    var stall: (fault: Fault, afterBytes: Int, duration: Duration?)?
    /// The first fault that cuts the body (`http_truncate_body`, `http_abort_mid_chunk`, `http_close_between_chunks`).
    var cut: (fault: Fault, kind: BodyCut)?

    /// Whether the body goes out untouched.
    var leavesBodyAlone: Bool { stall == nil && cut == nil }
}

extension FaultPlan {
    /// The plan for one response of the service at `endpoint` now. A fault targets the service by `.service`, its
    /// host by `.host`, or either end of a `.link`. Toxicity is drawn once per response and fault.
    func responsePlan(for endpoint: Endpoint) -> ResponsePlan {
        var plan = ResponsePlan()
        guard !faults.isEmpty else { return plan }
        let now = nowNanoseconds
        for fault in faults where fault.kind.isHTTPLevel && fault.target.coversService(endpoint) {
            guard schedule(of: fault).isActive(at: now), drawToxicity(fault.toxicity, of: fault.name) else { continue }
            switch fault.kind {
            case let .httpStatus(code, retryAfter): plan.status = plan.status ?? (fault, code, retryAfter)
            case let .httpSlowHeaders(delay): plan.headDelays.append((fault, delay))
            case let .httpStallBody(after, duration): plan.stall = plan.stall ?? (fault, after, duration)
            case let .httpTruncateBody(after): plan.cut = plan.cut ?? (fault, .truncate(after: after))
            case let .httpAbortMidChunk(after): plan.cut = plan.cut ?? (fault, .abortMidChunk(after: after))
            case let .httpCloseBetweenChunks(after): plan.cut = plan.cut ?? (fault, .closeBetweenChunks(after: after))
            case .latency, .bandwidth, .slicer, .limitData, .resetPeer, .timeout, .slowClose, .down, .partition,
                 .clog, .hold:
                continue  // Not HTTP-level: excluded by the filter above.
            }
        }
        return plan
    }

    /// An HTTP fault fired on the service at `endpoint` (traced each time).
    func traceResponseFiring(_ fault: Fault, on endpoint: Endpoint, _ message: String) {
        trace("\(fault.name) (\(fault.kind.name)) on \(endpoint) \(message)")
    }
}

extension FaultTarget {
    /// Whether this target names the service at `endpoint`, for HTTP faults.
    func coversService(_ endpoint: Endpoint) -> Bool {
        switch self {
        case let .service(host, port): host == endpoint.host && port == endpoint.port
        case let .host(name): name == endpoint.host
        case let .link(a, b): a == endpoint.host || b == endpoint.host
        }
    }
}

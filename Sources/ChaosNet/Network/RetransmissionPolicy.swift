/// How a TCP-like stack resends a segment the path lost, and when it gives up: a reliable stream never delivers a
/// hole, so loss is delay (retransmission with exponential backoff until the path heals), then a reset once the
/// retry budget is spent.
///
/// The defaults are Linux's (tcp(7), `include/net/tcp.h`): the retransmission timeout is at least `TCP_RTO_MIN`
/// (200 ms), doubles after each retransmission up to `TCP_RTO_MAX` (120 s), and the connection is aborted after
/// `net.ipv4.tcp_retries2` (15) retransmissions' worth of time, which Linux computes from `TCP_RTO_MIN`:
/// 0.2 + 0.4 + … + 102.4 + 6 × 120 = 924.6 s, "about 15 minutes".
public struct RetransmissionPolicy: Sendable, Equatable {
    public var timeoutMin: Duration
    public var timeoutMax: Duration
    /// Retransmissions before the stack gives up (`tcp_retries2`).
    public var retriesMax: Int

    public init(timeoutMin: Duration = .milliseconds(200), timeoutMax: Duration = .seconds(120), retriesMax: Int = 15) {
        precondition(timeoutMin > .zero && timeoutMax >= timeoutMin, "timeouts must be positive and ordered")
        precondition(retriesMax >= 0, "retriesMax must not be negative")
        self.timeoutMin = timeoutMin
        self.timeoutMax = timeoutMax
        self.retriesMax = retriesMax
    }

    /// The wait before retransmission `number` (1-based) of a segment first sent with round trip `roundTrip`: the
    /// first timeout is `timeoutMin` plus the round trip (an RTO of srtt + 4·rttvar on a steady path), then it
    /// doubles, capped at `timeoutMax`.
    public func timeout(beforeRetransmission number: Int, roundTrip: Duration) -> Duration {
        let first = min(timeoutMin + roundTrip, timeoutMax)
        let doublings = min(max(number - 1, 0), 30)
        return min(first * (1 << doublings), timeoutMax)
    }

    /// How long after the first loss the stack gives up: `retriesMax` backoffs from `timeoutMin`, as Linux counts.
    public var giveUpAfter: Duration {
        (0...retriesMax).reduce(Duration.zero) { total, index in
            total + min(timeoutMin * (1 << min(index, 30)), timeoutMax)
        }
    }
}

import ChaosNet
import Testing

/// A partition on an established connection loses segments on the path; the stack keeps them and retransmits, so a
/// reader never sees a hole: the data arrives late, in order, or the connection is reset once the retry budget is
/// spent.
@Suite("Retransmission")
struct RetransmissionTests {
    static let latency = Duration.milliseconds(10)
    static let policy = RetransmissionPolicy()
    /// When the second chunk is written, inside the partition: its first transmission is lost then.
    static let firstLoss = Duration.seconds(2)

    /// When the stack tries again after the first loss, up to (not including) the give-up.
    static var retransmissionTimes: [Duration] {
        var times: [Duration] = []
        var time = firstLoss
        let giveUp = firstLoss + policy.giveUpAfter
        for number in 1... {
            time += policy.timeout(beforeRetransmission: number, roundTrip: latency * 2)
            guard time < giveUp else { return times }
            times.append(time)
        }
        return times
    }

    @Test("Linux's defaults: 200 ms doubling to 120 s, and giving up after 924.6 s")
    func linuxDefaults() {
        #expect(Self.policy.giveUpAfter == .milliseconds(924_600))
        let timeouts = (1...12).map { Self.policy.timeout(beforeRetransmission: $0, roundTrip: .milliseconds(20)) }
        #expect(timeouts.prefix(4) == [.milliseconds(220), .milliseconds(440), .milliseconds(880), .milliseconds(1760)])
        #expect(timeouts.last == .seconds(120), "capped at TCP_RTO_MAX")
        #expect(RetransmissionPolicy(retriesMax: 0).giveUpAfter == .milliseconds(200))
        #expect(Self.retransmissionTimes.count == 15)
    }

    /// The server writes 1,000 bytes at 0.5 s, 2,000 at 2 s and 3,000 at 3 s, then ends its side; a partition cuts
    /// the link from 1 s until `partitionEnd`. Reports what the client read and when, or when it was reset.
    static func transfer(partitionEnd: Duration) -> SimulationResult<[String]> {
        let fault = Fault(
            name: "split", kind: .partition, target: .link("server", "client"),
            activity: .windows([FaultWindow(start: .seconds(1), end: partitionEnd)]))
        let link = LinkConditions(latency: latency)
        return runNetwork(link: link, timeLimit: .seconds(7200)) { simulation, network, listener in
            let clock = simulation.clock
            simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                for (size, at) in [(1000, Duration.milliseconds(500)), (2000, .seconds(2)), (3000, .seconds(3))] {
                    try await clock.sleep(until: .epoch.advanced(by: at), tolerance: nil)
                    try await connection.write(pattern(size))
                }
                connection.shutdownWrite()
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            network.addFault(fault)
            var log: [String] = []
            do {
                while let piece = try await connection.read() {
                    log.append("\(piece.count) bytes at \(clock.now), starting with \(piece.first!)")
                }
                log.append("end of stream at \(clock.now)")
            } catch NetworkError.connectionReset {
                log.append("reset at \(clock.now)")
            }
            return log
        }
    }

    @Test("a partition that heals mid-transfer delivers every byte, in order, at the first retransmission after it")
    func healedPartition() throws {
        let heal = Duration.seconds(21)
        let retry = try #require(Self.retransmissionTimes.first { $0 >= heal })
        #expect(retry == .milliseconds(29_940), "0.22 s doubling from 2 s: 2.22, 2.66, 3.54, 5.3, 8.82, 15.86, 29.94")
        let arrival = SimClock.Instant.epoch.advanced(by: retry + Self.latency)
        #expect(try #require(Self.transfer(partitionEnd: heal).valueOrRecord()) == [
            "1000 bytes at t+0.51s, starting with 0",
            "2000 bytes at \(arrival), starting with 0",
            "3000 bytes at \(arrival), starting with 0",
            "end of stream at \(arrival)",
        ])
    }

    @Test("a partition that outlasts the retry budget ends in a reset 924.6 s after the first loss")
    func exhaustedRetries() throws {
        #expect(try #require(Self.transfer(partitionEnd: .seconds(3600)).valueOrRecord()) == [
            "1000 bytes at t+0.51s, starting with 0", "reset at t+926.6s",
        ])
    }

    @Test("healing 1 ms before the last retransmission delivers then; 1 ms after it, the give-up comes first")
    func lastRetransmission() throws {
        let last = try #require(Self.retransmissionTimes.last)
        let delivered = try #require(Self.transfer(partitionEnd: last - .milliseconds(1)).valueOrRecord())
        let arrival = SimClock.Instant.epoch.advanced(by: last + Self.latency)
        #expect(delivered.dropFirst().first == "2000 bytes at \(arrival), starting with 0")
        let reset = try #require(Self.transfer(partitionEnd: last + .milliseconds(1)).valueOrRecord())
        #expect(reset == ["1000 bytes at t+0.51s, starting with 0", "reset at t+926.6s"])
    }
}

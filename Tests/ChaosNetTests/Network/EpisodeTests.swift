import ChaosNet
import Testing

@Suite("Fault episodes")
struct EpisodeTests {
    @Test("a partition with episodes delays exactly the bytes sent during its drawn episodes, and loses none")
    func episodesMatchBehaviour() throws {
        let fault = Fault(
            name: "overload", kind: .partition, target: .link("client", "server"), direction: .upstream,
            activity: .episodes(meanGap: .seconds(60), meanDuration: .seconds(15))
        )
        let link = LinkConditions(latency: .milliseconds(5))
        let result = runNetwork(seed: 11, link: link, timeLimit: .seconds(7200)) { simulation, network, listener in
            let clock = simulation.clock
            let server = simulation.spawn(name: "server") {
                let connection = try #require(try await listener.accept())
                return try await drain(connection, clock: clock).pieces
            }
            let connection = try await network.connect(from: "client", to: "server", port: 80)
            // Add the fault once connected: only the data path is under test here.
            network.addFault(fault)
            var sentAt: [SimClock.Instant] = []
            for index in 0..<2000 {
                try await connection.write([UInt8(index % 256)])
                sentAt.append(clock.now)
                try await clock.sleep(for: .seconds(1))
            }
            let periods = network.activePeriods(ofFault: "overload", through: clock.now)
            // Close after the episodes so that the end of stream gets through.
            while periods.contains(where: { $0.start <= clock.now.offset && clock.now.offset < $0.end }) {
                try await clock.sleep(for: .seconds(1))
            }
            connection.shutdownWrite()
            return (sentAt, periods, try await server.value)
        }
        let (sentAt, periods, pieces) = try #require(result.valueOrRecord())
        #expect(periods.count >= 20, "about 2000 s / 75 s episodes expected, got \(periods.count)")
        // Every byte arrives, in order (each piece is one or more whole 1-byte writes).
        let arrivals = pieces.flatMap { piece in Array(repeating: piece.at, count: piece.size) }
        #expect(arrivals.count == sentAt.count)
        let episodeOf = { (instant: SimClock.Instant) in
            periods.first { $0.start <= instant.offset && instant.offset < $0.end }
        }
        for (index, sent) in sentAt.enumerated() where index < arrivals.count {
            if let episode = episodeOf(sent) {
                // Lost on the path, kept and retransmitted: it arrives only after its episode healed.
                #expect(arrivals[index].offset >= episode.end, "byte \(index) sent at \(sent) arrived during its episode")
            } else {
                // One latency later, or together with the retransmitted bytes queued before it.
                let onTime = arrivals[index] == sent.advanced(by: .milliseconds(5))
                let behindRetransmission = index > 0 && arrivals[index] == arrivals[index - 1]
                #expect(onTime || behindRetransmission, "byte \(index) sent at \(sent) arrived at \(arrivals[index])")
            }
        }
        #expect(sentAt.contains { episodeOf($0) != nil } && sentAt.contains { episodeOf($0) == nil })
    }

    @Test("episode lengths follow the configured means")
    func episodeStatistics() throws {
        let fault = Fault(name: "flap", kind: .clog, target: .host("server"),
                          activity: .episodes(meanGap: .seconds(60), meanDuration: .seconds(15)))
        let result = runNetwork(seed: 5) { simulation, network, _ in
            network.addFault(fault)
            return network.activePeriods(ofFault: "flap", through: .epoch.advanced(by: .seconds(2_000_000)))
        }
        let periods = try #require(result.valueOrRecord())
        #expect(periods.count > 20_000)
        let durations = periods.map { ($0.end - $0.start).secondsDouble }
        let gaps = zip(periods.dropFirst(), periods).map { ($0.start - $1.end).secondsDouble }
        let meanDuration = durations.reduce(0, +) / Double(durations.count)
        let meanGap = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(meanDuration - 15) < 0.5, "mean duration \(meanDuration)")
        #expect(abs(meanGap - 60) < 2, "mean gap \(meanGap)")
        #expect(zip(periods, periods.dropFirst()).allSatisfy { $0.end < $1.start })
    }

    @Test("the same seed draws the same episodes; another seed draws others")
    func episodesAreSeeded() throws {
        func periods(seed: UInt64) -> [Duration] {
            let result = runNetwork(seed: seed) { _, network, _ in
                network.addFault(Fault(name: "flap", kind: .clog, target: .host("server"),
                                       activity: .episodes(meanGap: .seconds(60), meanDuration: .seconds(15))))
                return network.activePeriods(ofFault: "flap", through: .epoch.advanced(by: .seconds(3600)))
                    .flatMap { [$0.start, $0.end] }
            }
            return result.valueOrRecord() ?? []
        }
        #expect(periods(seed: 1) == periods(seed: 1))
        #expect(periods(seed: 1) != periods(seed: 2))
    }
}

import ChaosNet
import HTTPTypes
import Testing

/// One plan for every layer: the network, HTTP servers and file systems of a world ask it, and every firing is traced.
@Suite("One fault plan")
struct FaultPlanTests {
    static let service = FaultTarget.service(host: "server", port: 80)

    /// The `fault` events of a trace, as their messages.
    static func firings(_ trace: Trace) -> [String] {
        trace.events.filter { $0.source == "fault" }.map(\.message)
    }

    @Test("the network, an HTTP server and a file system of one world share its plan, and each firing is traced")
    func oneWorldOnePlan() throws {
        let result = Simulation(seed: 3).run { simulation in
            let plan = FaultPlan(simulation)
            plan.add(Fault(name: "slow-link", kind: .latency(base: .milliseconds(50), jitter: .zero),
                           target: .link("client", "server")))
            plan.add(Fault(name: "busy", kind: .httpStatus(code: 503, retryAfter: nil), target: Self.service,
                           activity: .windows([FaultWindow(start: .zero, end: .seconds(1))])))
            let failing = FileSystemFaultKind.FailingOperations([.rename], pathPrefix: "/data", error: .noSpace)
            plan.add(FileSystemFault(name: "no-rename", kind: .operationError(failing)))
            let network = SimNetwork(simulation, faultPlan: plan)
            network.addHost("client")
            network.addHost("server")
            let server = try SimHTTPServer(network: network, host: "server", port: 80) { _ in .text(.ok, "fine") }
            server.start()
            let fileSystem = SimFileSystem(clock: simulation.clock, faultPlan: plan)
            try await fileSystem.createDirectory(at: "/data")
            try await fileSystem.writeFile(at: "/data/a", contents: [1])
            let client = SimHTTPClient(network: network, host: "client")
            var codes: [Int] = []
            for _ in 0..<2 {
                let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                _ = try await response.body.collect(upTo: 1000)
                codes.append(response.head.status.code)
                try await simulation.clock.sleep(for: .seconds(1))
            }
            let renameError = await #expect(throws: FileSystemError.self) {
                try await fileSystem.rename(from: "/data/a", to: "/data/b")
            }
            server.stop()
            return (codes, renameError, plan.description)
        }
        let (codes, renameError, description) = try #require(result.valueOrRecord())
        #expect(codes == [503, 200])
        // One byte is on the disk.
        #expect(renameError == .noSpace(path: "/data/a", needed: 0, available: .max - 1))
        #expect(description.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
            == ["slow-link", "busy", "no-rename"])
        let firings = Self.firings(result.trace).filter { !$0.hasPrefix("added ") }
        #expect(firings.contains { $0.hasPrefix("slow-link (latency(0.05s ± 0s)) acts on conn#1") }, "\(firings)")
        #expect(firings.contains { $0.hasPrefix("busy (http_status) on server:80 answers GET / with 503") })
        #expect(firings.contains { $0.hasPrefix("no-rename (operation_error) fails rename /data/a → /data/b") })
        // The 503 answered only the first request: the window was over for the second.
        #expect(firings.filter { $0.hasPrefix("busy ") }.count == 1)
    }

    @Test("an HTTP response's faults are decided once: with toxicity 50%, a status fault answers about half")
    func responseToxicityIsPerResponse() throws {
        func codes(seed: UInt64) throws -> [Int] {
            let busy = Fault(name: "busy", kind: .httpStatus(code: 503, retryAfter: nil), target: Self.service,
                             toxicity: 0.5)
            let result = runHTTP(seed: seed, faults: [busy], handler: { _ in .text(.ok, "fine") }) { _, _, client in
                var codes: [Int] = []
                for _ in 0..<200 {
                    let response = try await client.execute(get("/"), body: nil, timeouts: HTTPTimeouts())
                    _ = try await response.body.collect(upTo: 1000)
                    codes.append(response.head.status.code)
                }
                return codes
            }
            let codes = try #require(result.valueOrRecord())
            // Each response draws the fault's toxicity once: as many draws as 503s plus 200s, no more.
            #expect(Self.firings(result.trace).filter { $0.hasPrefix("busy (http_status)") }.count
                == codes.filter { $0 == 503 }.count)
            return codes
        }
        let first = try codes(seed: 1)
        #expect(first == (try codes(seed: 1)))
        #expect(first != (try codes(seed: 2)))
        #expect((70...130).contains(first.filter { $0 == 503 }.count))
    }

    @Test("file-system faults follow their activity on the world's clock")
    func fileSystemFaultsFollowTheirActivity() throws {
        let result = Simulation(seed: 1).run { simulation in
            let plan = FaultPlan(simulation)
            let window = FaultActivity.windows([FaultWindow(start: .seconds(10), end: .seconds(20))])
            plan.add(FileSystemFault(name: "eio", kind: .operationError(.init([.write], error: .ioError(message: "x"))),
                                     activity: window))
            plan.add(FileSystemFault(name: "full", kind: .diskFull(capacityBytes: 4),
                                     activity: .windows([FaultWindow(start: .seconds(30), end: .seconds(40))])))
            let fileSystem = SimFileSystem(clock: simulation.clock, faultPlan: plan)
            var outcomes: [String] = []
            for second in [0, 15, 25, 35, 45] {
                try await simulation.clock.sleep(until: SimClock.Instant(offset: .seconds(second)))
                do throws(FileSystemError) {
                    try await fileSystem.writeFile(at: "/f\(second)", contents: [1, 2, 3, 4, 5])
                    outcomes.append("\(second): ok")
                } catch {
                    outcomes.append("\(second): \(error.errnoName)")
                }
            }
            return outcomes
        }
        let outcomes = try #require(result.valueOrRecord())
        // At 35 s the disk holds 15 bytes already, more than the fault's 4: nothing more fits.
        #expect(outcomes == ["0: ok", "15: EIO", "25: ok", "35: ENOSPC", "45: ok"])
        let firings = Self.firings(result.trace).filter { !$0.hasPrefix("added ") }
        #expect(firings == [
            "eio (operation_error) fails write /f15: EIO: input/output error: /f15: x",
            "full (disk_full) fills the disk at 4 B (first at /f35)",
        ])
    }

    @Test("slow_metadata with toxicity slows a share of the operations, drawn per operation")
    func slowMetadataPerOperation() throws {
        let result = Simulation(seed: 5).run { simulation in
            let plan = FaultPlan(simulation)
            plan.add(FileSystemFault(name: "nfs", kind: .slowMetadata(.nfs), toxicity: 0.25))
            let fileSystem = SimFileSystem(clock: simulation.clock, faultPlan: plan)
            var slow = 0
            for index in 0..<400 {
                let start = simulation.now
                try await fileSystem.createDirectory(at: "/d\(index)")
                if start.duration(to: simulation.now) > .zero { slow += 1 }
            }
            return slow
        }
        let slow = try #require(result.valueOrRecord())
        #expect((70...130).contains(slow), "about a quarter of 400 operations, got \(slow)")
        // Traced once per active period, not per operation.
        #expect(Self.firings(result.trace).filter { $0.hasPrefix("nfs (slow_metadata)") }.count == 1)
    }

    @Test("power losses come from the plan: the earliest period of its crash faults")
    func powerLossPeriods() throws {
        let result = Simulation(seed: 1).run { simulation in
            let plan = FaultPlan(simulation)
            plan.add(FileSystemFault(name: "late", kind: .powerLoss,
                                     activity: .windows([FaultWindow(start: .seconds(50), end: .seconds(60))])))
            plan.add(FileSystemFault(name: "early", kind: .powerLoss,
                                     activity: .windows([FaultWindow(start: .seconds(5), end: .seconds(6))])))
            return [Duration.zero, .seconds(5.5), .seconds(7), .seconds(61)].map { time in
                plan.nextPowerLoss(after: time).map { "\($0.fault) \($0.start.formattedSeconds)" } ?? "none"
            }
        }
        let periods = try #require(result.valueOrRecord())
        #expect(periods == ["early 5s", "early 5s", "late 50s", "none"], "\(periods)")
    }

    @Test("a fault's active windows for a seed, computed without a world, are the episodes that world draws")
    func activeWindowsWithoutAWorld() throws {
        let episodes = FaultActivity.episodes(meanGap: .seconds(40), meanDuration: .seconds(10))
        let network = Fault(name: "resets", kind: .resetPeer(after: .zero), target: Self.service, activity: episodes)
        let disk = FileSystemFault(name: "disk-full", kind: .diskFull(capacityBytes: 1), activity: episodes)
        let horizon = SimClock.Instant(nanosecondsSinceEpoch: Duration.seconds(600).nanosecondsClamped)
        for seed: UInt64 in [1, 7, 42] {
            let result = Simulation(seed: seed).run { simulation in
                let plan = FaultPlan(simulation)
                plan.add(network)
                plan.add(disk)
                return (plan.activePeriods(ofFault: "resets", through: horizon),
                        plan.activePeriods(ofFault: "disk-full", through: horizon))
            }
            let (drawn, drawnOnDisk) = try #require(result.valueOrRecord())
            let windows = FaultPlan.activeWindows(of: network, seed: seed, through: .seconds(600))
            let diskWindows = FaultPlan.activeWindows(of: disk, seed: seed, through: .seconds(600))
            #expect(windows.map { [$0.start, $0.end] } == drawn.map { [$0.start, $0.end] }, "seed \(seed)")
            #expect(diskWindows.map { [$0.start, $0.end] } == drawnOnDisk.map { [$0.start, $0.end] }, "seed \(seed)")
            #expect(windows.count > 5, "seed \(seed): about 600 s / 50 s episodes expected, got \(windows)")
            // Each fault has its own stream, so the two differ although their activities are the same.
            #expect(windows != diskWindows, "seed \(seed)")
        }
    }
}

import ArgumentParser
import ChaosBenchmarks

struct PeersBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "Benchmarks the peer network and the connection manager: lookups and RPCs per wall second.",
        discussion: """
            Both cases run the robust connection manager over the simulated peer network (1 ms links, no faults). \
            Case lookups: --nodes nodes, each booted with a converged graph, run --lookups Kademlia lookups of \
            random ids from random nodes, --lookups-in-flight at a time, reporting lookups_per_wall_sec and the \
            share of returned contacts that are among the k truly closest (recall). Case rpcs: one node sends \
            --rpcs echo RPCs of --payload bytes to another, --rpcs-in-flight at a time, each on its own stream over \
            the one connection, reporting rpcs_per_wall_sec. Wall time covers the lookups or RPCs, not building the \
            network. Build with -c release.
            """
    )

    enum Case: String, ExpressibleByArgument, CaseIterable {
        case lookups, rpcs, all
    }

    @Option(name: .customLong("case"), help: "Which case to run: lookups, rpcs or all.")
    var benchCase: Case = .all

    @Option(help: "Simulated nodes in the lookups case (2...100000).")
    var nodes: Int = 1000

    @Option(help: "Lookups to run (1...1000000).")
    var lookups: Int = 2000

    @Option(help: "Lookups in flight at once (1...10000).")
    var lookupsInFlight: Int = 16

    @Option(help: "RPCs to send in the rpcs case (1...10000000).")
    var rpcs: Int = 100_000

    @Option(help: "RPCs in flight at once (1...10000).")
    var rpcsInFlight: Int = 1

    @Option(help: "Bytes each echo RPC carries each way (0...65536).")
    var payload: Int = 64

    func validate() throws {
        try BenchOption.check("--nodes", nodes, in: 2...100_000)
        try BenchOption.check("--lookups", lookups, in: 1...1_000_000)
        try BenchOption.check("--lookups-in-flight", lookupsInFlight, in: 1...10_000)
        try BenchOption.check("--rpcs", rpcs, in: 1...10_000_000)
        try BenchOption.check("--rpcs-in-flight", rpcsInFlight, in: 1...10_000)
        try BenchOption.check("--payload", payload, in: 0...65_536)
    }

    func run() throws {
        var failed = false
        if benchCase != .rpcs { failed = runLookups() || failed }
        if benchCase != .lookups { failed = runRPCs() || failed }
        if failed { throw ExitCode(1) }
    }

    private func runLookups() -> Bool {
        let result = PeerBenchmarks.lookups(nodes: nodes, lookups: lookups, inFlight: lookupsInFlight)
        BenchOutput.printLine([
            "bench": "peers", "case": "lookups", "nodes": result.nodes, "lookups": result.lookups,
            "lookups_in_flight": lookupsInFlight, "full_lookups": result.full,
            "recall": (result.recall * 1000).rounded() / 1000, "rpcs": result.rpcs, "dials": result.dials,
            "steps": result.steps, "setup_wall_seconds": result.setupWallSeconds, "wall_seconds": result.wallSeconds,
            "virtual_seconds": result.virtualTime.secondsDouble,
            "lookups_per_wall_sec": result.lookupsPerWallSecond.rounded(), "outcome": result.outcome.name,
        ])
        return result.outcome != .completed || result.lookups != lookups
    }

    private func runRPCs() -> Bool {
        let result = PeerBenchmarks.rpcs(rpcs, inFlight: rpcsInFlight, payloadBytes: payload)
        BenchOutput.printLine([
            "bench": "peers", "case": "rpcs", "rpcs": result.rpcs, "rpcs_in_flight": result.inFlight,
            "payload_bytes": result.payloadBytes, "dials": result.dials, "steps": result.steps,
            "wall_seconds": result.wallSeconds, "virtual_seconds": result.virtualTime.secondsDouble,
            "rpcs_per_wall_sec": result.rpcsPerWallSecond.rounded(), "outcome": result.outcome.name,
        ])
        return result.outcome != .completed || result.rpcs != rpcs
    }
}

import Foundation
import Testing

/// `chaos-run bench peers` at a small size: what its lines report comes out of the run (every lookup returned, the
/// contacts are the truly closest, the RPCs shared one connection), and bad sizes are refused.
@Suite("chaos-run bench peers", .serialized)
struct ChaosRunPeersBenchTests {
    @Test("both cases print a JSON line whose figures the run produced")
    func smallRun() throws {
        let output = try ChaosRunBinary.run([
            "bench", "peers", "--nodes", "60", "--lookups", "30", "--lookups-in-flight", "4",
            "--rpcs", "300", "--rpcs-in-flight", "3",
        ])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        let lines = try output.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let lookups = try #require(lines.first { $0["case"] as? String == "lookups" })
        #expect(lookups["lookups"] as? Int == 30)
        #expect(lookups["full_lookups"] as? Int == 30, "k = 20 of 60 nodes answer every lookup")
        // A converged graph over 60 nodes leads every lookup to the 20 truly closest nodes.
        #expect((lookups["recall"] as? Double ?? 0) >= 0.95, "\(lookups)")
        #expect((lookups["rpcs"] as? Int ?? 0) >= 30 * 3, "α = 3 queries at least per lookup")
        #expect((lookups["lookups_per_wall_sec"] as? Double ?? 0) > 0)
        #expect(lookups["outcome"] as? String == "completed")
        let rpcs = try #require(lines.first { $0["case"] as? String == "rpcs" })
        #expect(rpcs["rpcs"] as? Int == 300)
        #expect(rpcs["dials"] as? Int == 1, "every RPC went over the one connection")
        #expect((rpcs["rpcs_per_wall_sec"] as? Double ?? 0) > 0)
        #expect(rpcs["outcome"] as? String == "completed")
    }

    @Test("a size out of range is refused with the flag, the range and the value")
    func badSize() throws {
        let output = try ChaosRunBinary.run(["bench", "peers", "--nodes", "1"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--nodes must be in 2...100000, got 1."), "\(output.standardError)")
    }
}

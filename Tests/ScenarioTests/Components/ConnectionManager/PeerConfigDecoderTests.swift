import Scenarios
import Testing

@Suite("The connection manager's scenario keys")
struct PeerConfigDecoderTests {
    static func parse(_ peers: String) throws -> ScenarioFile {
        let text = """
            name: p
            description: peers
            topology: {hosts: [service], client: service, registry: none}
            workload:
              component: connection-manager
              peers: \(peers)
            """
        return try ScenarioLoader.parse(text, path: "p.yaml")
    }

    @Test("races, nodes and peer faults load")
    func loads() throws {
        _ = try Self.parse(
            "{mode: lookup_churn, nodes: 50, faults: [{name: r, kind: stream_reset, probability: 2%, "
                + "phase: mid_response, node: 3}, {name: h, kind: hold_keep_alives}]}")
    }

    @Test("bad values are refused at their line and column with what was expected", arguments: [
        ("{mode: lookups}", "p.yaml:6:17: expected races or lookup_churn for 'mode'"),
        ("{races: [simultaneous]}", "unknown race 'simultaneous'; expected one of simultaneous_dial"),
        ("{faults: [{name: x, kind: flood}]}", "unknown peer fault kind 'flood'"),
        ("{faults: [{name: x, kind: hold_keep_alives, probability: 1%}]}",
         "'probability' does not apply to a hold_keep_alives fault"),
        ("{faults: [{name: x, kind: connect_failure, probability: 1%, node: 400}]}", "node"),
        ("{faults: [{name: x, kind: connect_failure, probability: 1%}, {name: x, kind: hold_keep_alives}]}",
         "two peer faults are named 'x'"),
    ])
    func refusals(peers: String, message: String) {
        #expect {
            try Self.parse(peers)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

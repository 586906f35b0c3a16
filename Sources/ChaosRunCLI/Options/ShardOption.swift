import ArgumentParser
import Foundation
import Scenarios

/// `--shard K/N`: run only the K-th of N disjoint slices of the sweep, for a CI matrix; `--shard ci` reads the slice
/// from GitLab's `parallel:` variables, CI_NODE_INDEX (from 1) and CI_NODE_TOTAL.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run only shard K of N (e.g. 2/3), or 'ci' for CI_NODE_INDEX/CI_NODE_TOTAL; needs --report.",
        valueName: "K/N|ci"))
    var shard: String?

    /// The shard asked for, nil for the whole sweep; `validate` has checked it.
    var resolved: SweepShard? {
        guard let shard else { return nil }
        return try? Self.resolve(shard, environment: ProcessInfo.processInfo.environment).get()
    }

    func validate() throws {
        guard let shard else { return }
        if case let .failure(message) = Self.resolve(shard, environment: ProcessInfo.processInfo.environment) {
            throw ValidationError("--shard: \(message)")
        }
    }

    static func resolve(_ text: String, environment: [String: String]) -> Result<SweepShard, SweepShard.ParseError> {
        guard text == "ci" else { return SweepShard.parse(text) }
        guard let index = environment["CI_NODE_INDEX"], let total = environment["CI_NODE_TOTAL"] else {
            return .failure(.init(message: "'ci' reads CI_NODE_INDEX and CI_NODE_TOTAL (GitLab's parallel:), "
                + "which are not both set"))
        }
        return SweepShard.parse("\(index)/\(total)").mapError {
            .init(message: "CI_NODE_INDEX=\(index), CI_NODE_TOTAL=\(total): \($0.message)")
        }
    }
}

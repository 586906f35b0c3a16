import ChaosNet
import Yams

/// Writes `faults:` and `file_system_faults:` entries: common keys first, then the kind's parameters (from the kind's
/// decoder entry, which knows their names), target, direction, toxicity and activity, defaults left out.
enum FaultWriting {
    static func fault(_ fault: Fault) -> Node {
        let parameters = FaultKindDecoder.entries.lazy.compactMap { $0.encode(fault.kind) }.first ?? []
        return .block([("name", .text(fault.name)), ("kind", .plain(fault.kind.name))] + parameters + [
            ("target", target(fault.target)),
            ("direction", fault.direction == .both ? nil : .plain(fault.direction.rawValue)),
            ("toxicity", fault.toxicity == 1 ? nil : .probability(fault.toxicity)),
            ("activity", activity(fault.activity)),
        ])
    }

    static func fileSystemFault(_ fault: FileSystemFault) -> Node {
        let parameters = FileSystemFaultListDecoder.entries.lazy.compactMap { $0.encode(fault.kind) }.first ?? []
        return .block([("name", .text(fault.name)), ("kind", .plain(fault.kind.name))] + parameters + [
            ("toxicity", fault.toxicity == 1 ? nil : .probability(fault.toxicity)),
            ("activity", activity(fault.activity)),
        ])
    }

    /// Nil for `always`, the default.
    static func activity(_ activity: FaultActivity) -> Node? {
        switch activity {
        case .always:
            return nil
        case let .windows(windows):
            return .flow([("windows", .flowList(windows.map { window in
                .flow([("start", .duration(window.start)), ("end", .duration(window.end))])
            }))])
        case let .episodes(meanGap, meanDuration):
            return .flow([("episodes", .flow([
                ("mean_gap", .duration(meanGap)), ("mean_duration", .duration(meanDuration)),
            ]))])
        }
    }

    static func target(_ target: FaultTarget) -> Node {
        switch target {
        // Double-quoted, as the format's documentation writes it, rather than libyaml's single quotes.
        case let .service(host, port): .flow([("service", Node("\(host):\(port)", .implicit, .doubleQuoted))])
        case let .host(host): .flow([("host", .text(host))])
        case let .link(a, b): .flow([("link", .flowList([.text(a), .text(b)]))])
        }
    }
}

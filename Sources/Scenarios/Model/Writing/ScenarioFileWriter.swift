import ChaosNet
import Yams

/// Writes a `ScenarioFile` as a scenario file (format in `scenarios/README.md`) that `ScenarioLoader` reads back as
/// the same value: every key the loader reads, values in its units, a key at its default left out.
///
/// The component's own keys of `workload:` are the exception: only the component's driver knows its configuration,
/// and drivers read it but never write it. They are carried over, as written, from the text of the file the
/// scenario was loaded from (`source`); without one, the configuration must be the driver's default. Every text
/// the writer returns has been read back and compared with the scenario, so a value the format cannot express is an
/// error here, never a file that silently means something else.
public struct ScenarioFileWriter: Sendable {
    /// The components the scenario may name, as when loading.
    public let drivers: DriverRegistry

    public init(drivers: DriverRegistry = .builtIn) {
        self.drivers = drivers
    }

    /// The text of a file that loads as `scenario`.
    ///
    /// - Parameters:
    ///   - header: comment lines written before the first key (each gets its `# `), to say where the file came from.
    ///   - source: the text `scenario` was loaded from, whose component keys of `workload:` are carried over.
    public func text(
        of scenario: ScenarioFile, header: [String] = [], source: String? = nil
    ) throws(ScenarioWriteError) -> String {
        let componentKeys = try self.componentKeys(of: scenario, source: source)
        let root = Node.block(topLevel(scenario, componentKeys: componentKeys))
        let body: String
        do {
            body = try Yams.serialize(node: root, indent: 2, width: 110, allowUnicode: true)
        } catch {
            throw ScenarioWriteError("YAML could not be emitted: \(error)")
        }
        let comments = header.map { $0.isEmpty ? "#" : "# " + $0 }
        let text = (comments + [body]).joined(separator: "\n")
        try checkReadsBack(text, as: scenario)
        return text
    }

    private func topLevel(_ scenario: ScenarioFile, componentKeys: [(String, Node)]) -> [(String, Node?)] {
        let defaults = ScenarioFile(name: "", description: "", workload: WorkloadSpec(component: ""))
        return [
            ("name", .text(scenario.name)),
            ("description", .text(scenario.description)),
            ("seeds", scenario.seedCount == defaults.seedCount ? nil : .integer(scenario.seedCount)),
            ("first_seed", scenario.firstSeed.map { .integer(Int($0)) }),
            ("time_limit", scenario.timeLimit == defaults.timeLimit ? nil : .duration(scenario.timeLimit)),
            ("schedule", schedule(scenario.schedule, timers: scenario.timerWakeups)),
            ("topology", scenario.topology == defaults.topology ? nil : topology(scenario.topology)),
            ("links", scenario.links.isEmpty ? nil : .blockList(scenario.links.map {
                link($0, defaultLink: scenario.topology.defaultLink)
            })),
            ("faults", scenario.faults.isEmpty ? nil : .blockList(scenario.faults.map(FaultWriting.fault))),
            ("file_system", scenario.fileSystem == defaults.fileSystem ? nil : fileSystem(scenario.fileSystem)),
            ("file_system_faults", scenario.fileSystemFaults.isEmpty ? nil
                : .blockList(scenario.fileSystemFaults.map(FaultWriting.fileSystemFault))),
            ("workload", workload(scenario.workload, componentKeys: componentKeys)),
            ("invariants", scenario.invariants.isEmpty ? nil
                : .flowList(scenario.invariants.map { .plain($0.rawValue) })),
            ("expectations", scenario.expectations.isEmpty ? nil : .block(scenario.expectations.map {
                ($0.variant.rawValue, expectation($0))
            })),
            ("rerun", scenario.rerun == defaults.rerun ? nil : rerun(scenario.rerun)),
        ]
    }

    private func schedule(_ schedule: ScheduleStrategy, timers: TimerWakeups) -> Node? {
        let timersKey: [(String, Node)] = timers == .oneAtATime ? [] : [("timers", .plain(timers.rawValue))]
        switch schedule {
        case .randomWalk:
            return timersKey.isEmpty ? nil : .flow([("strategy", .plain("random_walk"))] + timersKey)
        case let .pct(depth, steps):
            return .flow([("strategy", .plain("pct")), ("depth", .integer(depth)), ("steps", .integer(steps))]
                + timersKey)
        }
    }

    private func topology(_ topology: TopologySpec) -> Node {
        let defaults = TopologySpec()
        let registry: Node? = topology.registry.map { registry in
            let defaultRegistry = RegistrySpec()
            return .block([
                ("host", registry.host == defaultRegistry.host ? nil : .text(registry.host)),
                ("port", registry.port == defaultRegistry.port ? nil : .integer(registry.port)),
                ("packages", registry.packages.isEmpty ? nil : .blockList(registry.packages.map(package))),
            ])
        } ?? .plain("none")
        return .block([
            ("hosts", topology.hosts == defaults.hosts ? nil : .flowList(topology.hosts.map(Node.text))),
            ("client", topology.clientHost == defaults.clientHost ? nil : .text(topology.clientHost)),
            ("default_link", topology.defaultLink == defaults.defaultLink ? nil
                : .flow(linkConditions(topology.defaultLink, base: defaults.defaultLink))),
            ("registry", topology.registry == defaults.registry ? nil : registry),
        ])
    }

    private func package(_ package: PackageSpec) -> Node {
        let defaults = PackageSpec(name: package.name)
        return .flow([
            ("name", .text(package.name)),
            ("files", package.fileCount == defaults.fileCount ? nil : .integer(package.fileCount)),
            ("size", package.byteCount == defaults.byteCount ? nil : .size(package.byteCount)),
            ("depth", package.depthMax == defaults.depthMax ? nil : .integer(package.depthMax)),
            ("symlinks", package.symlinkCount == defaults.symlinkCount ? nil : .integer(package.symlinkCount)),
        ])
    }

    /// A link states only what differs from the default link, which its keys left out keep.
    private func link(_ link: LinkSpec, defaultLink: LinkConditions) -> Node {
        let between: Node = .flowList([.text(link.between.0), .text(link.between.1)])
        return .flow([("between", between)] + linkConditions(link.conditions, base: defaultLink))
    }

    private func linkConditions(_ conditions: LinkConditions, base: LinkConditions) -> [(String, Node?)] {
        let bandwidth: Node = conditions.bandwidthBytesPerSecond.map(Node.rate) ?? .plain("unlimited")
        return [
            ("latency", conditions.latency == base.latency ? nil : .duration(conditions.latency)),
            ("jitter", conditions.jitter == base.jitter ? nil : .duration(conditions.jitter)),
            ("bandwidth", conditions.bandwidthBytesPerSecond == base.bandwidthBytesPerSecond ? nil : bandwidth),
            ("connect_latency", conditions.connectLatency == base.connectLatency ? nil
                : .duration(conditions.connectLatency)),
        ]
    }

    private func fileSystem(_ fileSystem: FileSystemSpec) -> Node {
        .block([
            ("durability", fileSystem.durability == .journaledMetadata ? nil : durability(fileSystem.durability)),
            ("mounts", fileSystem.mounts.isEmpty ? nil : .flowList(fileSystem.mounts.map { mount in
                .flow([
                    ("path", .text(mount.path)), ("durability", durability(mount.durability)),
                    ("storage", mount.storage.map { .plain($0.name) }),
                ])
            })),
            ("disk", fileSystem.latency == .none ? nil
                : FileSystemDecoder.diskNames.first { $0.latency == fileSystem.latency }.map { .plain($0.name) }),
        ])
    }

    private func durability(_ model: SimFileSystem.DurabilityModel) -> Node {
        .plain(FileSystemDecoder.durabilityNames.first { $0.model == model }?.name ?? "journaled_metadata")
    }

    private func workload(_ workload: WorkloadSpec, componentKeys: [(String, Node)]) -> Node {
        let common: [(String, Node?)] = [
            ("component", .text(workload.component)),
            ("variants", workload.variants.isEmpty ? nil : .flowList(workload.variants.map { .plain($0.rawValue) })),
            ("package", workload.package.map(Node.text)),
            ("start_jitter", workload.startJitter == .zero ? nil : .duration(workload.startJitter)),
        ]
        return .block(common + componentKeys.map { ($0.0, $0.1) })
    }

    private func expectation(_ expectation: VariantExpectation) -> Node {
        .flow([
            ("min_failure_rate", expectation.minFailureRate.map(Node.probability)),
            ("max_failure_rate", expectation.maxFailureRate.map(Node.probability)),
            ("max_damaging_rate", expectation.maxDamagingRate.map(Node.probability)),
        ])
    }

    private func rerun(_ rerun: RerunSpec) -> Node {
        let defaults = RerunSpec()
        let blindIsDefault = rerun.blindReruns == defaults.blindReruns && rerun.blindDelay == defaults.blindDelay
        return .block([
            ("delays", rerun.delays == defaults.delays ? nil : .flowList(rerun.delays.map(Node.duration))),
            ("target", rerun.target == defaults.target ? nil : .probability(rerun.target)),
            ("max_reruns", rerun.rerunsMax == defaults.rerunsMax ? nil : .integer(rerun.rerunsMax)),
            ("blind", blindIsDefault ? nil
                : .flow([("reruns", .integer(rerun.blindReruns)), ("delay", .duration(rerun.blindDelay))])),
            ("validation_seeds", rerun.validationSeeds.map(Node.integer)),
            ("real_errors", rerun.realErrors.isEmpty ? nil : .block(rerun.realErrors.map { entry in
                (entry.signature, .flowList(entry.patterns.map(Node.text)))
            })),
        ])
    }

    /// Reads `text` back with the loader and compares: the guarantee the type's summary makes.
    private func checkReadsBack(_ text: String, as scenario: ScenarioFile) throws(ScenarioWriteError) {
        let readBack: ScenarioFile
        do {
            readBack = try ScenarioLoader.parse(text, path: "<written file>", drivers: drivers)
        } catch {
            throw ScenarioWriteError("the written file does not load: \(error)")
        }
        guard readBack == scenario else {
            throw ScenarioWriteError("the written file loads as another scenario; the format cannot express this one")
        }
    }
}

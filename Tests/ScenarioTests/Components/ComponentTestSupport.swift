import ChaosNet
import ChaosComponents
import Scenarios
import Testing

/// The faults the component tests put between the service and the registry.
enum FaultPlan: String, Sendable, CaseIterable {
    /// No fault.
    case none
    /// A black hole on the registry's downstream from 0.2 s to 20 s: the tarball stops mid-stream, reads time out.
    case readTimeoutMidTarball
    /// The registry's connections are reset 0.3 s after they open, during the first second: mid-body.
    case resetMidChunk
    /// A single-block file of the package is lost: a 200, a tar cut at a header boundary, a clean chunked end and an
    /// `X-Stream-Error` trailer (silent truncation for readers that ignore trailers).
    case lostBlock
    /// The registry answers 503 during the first 2 s.
    case unavailableThenHealthy
    /// The registry answers 429 with `Retry-After: 7` during the first 2 s.
    case rateLimited
    /// The registry answers 404 (an unknown CID) for ever.
    case notFound
    /// The disk holds 200 kB, less than the package.
    case diskFull
}

/// The world of one component test: a service host, a registry host with one seeded package, a disk.
struct ComponentWorld: @unchecked Sendable {
    let simulation: Simulation
    let network: SimNetwork
    let registry: IPFSRegistry
    let package: IPFSPackage
    let fileSystem: SimFileSystem
    let client: SimHTTPClient
    let capacityBytes = 200_000

    static let packageSpec = IPFSPackageSpec(fileCount: 12, byteCount: 600_000, depthMax: 2, symlinkCount: 1)

    init(_ simulation: Simulation) throws {
        self.simulation = simulation
        network = SimNetwork(
            simulation, defaultLink: LinkConditions(latency: .milliseconds(5), bandwidthBytesPerSecond: 1_000_000))
        network.addHost("service")
        network.addHost("registry")
        registry = try IPFSRegistry(network: network, host: "registry")
        registry.bodyPieceSize = 8_192
        package = try registry.seedPackage(Self.packageSpec)
        registry.start()
        fileSystem = SimFileSystem(clock: simulation.clock)
        client = SimHTTPClient(network: network, host: "service")
    }

    func downloader(_ variant: IPFSDownloader.Variant) -> IPFSDownloader {
        IPFSDownloader(
            variant: variant, http: client, fileSystem: fileSystem, clock: simulation.clock,
            random: simulation.random("downloader.jitter"))
    }

    /// A single-block file of the package, as (path inside the package, its CID).
    func smallFile() throws -> (String, CID) {
        let files = package.tree.descendants.filter {
            if case let .file(content) = $0.tree { return (1...200_000).contains(content.count) }
            return false
        }
        let path = try #require(files.first?.path, "the package has no small file")
        return (path, try registry.dag.resolve(IPFSPath("\(package.cid)/\(path)")).cid)
    }

    func apply(_ plan: FaultPlan) throws {
        let service = FaultTarget.service(host: "registry", port: 5001)
        switch plan {
        case .none: break
        case .readTimeoutMidTarball:
            network.addFault(Fault(
                name: "fault", kind: .timeout(closeAfter: nil), target: service, direction: .downstream,
                activity: .windows([FaultWindow(start: .milliseconds(200), end: .seconds(20))])))
        case .resetMidChunk:
            network.addFault(Fault(
                name: "fault", kind: .resetPeer(after: .milliseconds(300)), target: service,
                activity: .windows([FaultWindow(start: .zero, end: .seconds(1))])))
        case .lostBlock:
            #expect(registry.loseBlock(try smallFile().1))
        case .unavailableThenHealthy:
            network.addFault(Fault(
                name: "fault", kind: .httpStatus(code: 503, retryAfter: nil), target: service,
                activity: .windows([FaultWindow(start: .zero, end: .seconds(2))])))
        case .rateLimited:
            network.addFault(Fault(
                name: "fault", kind: .httpStatus(code: 429, retryAfter: .seconds(7)), target: service,
                activity: .windows([FaultWindow(start: .zero, end: .seconds(2))])))
        case .notFound:
            network.addFault(Fault(name: "fault", kind: .httpStatus(code: 404, retryAfter: nil), target: service))
        case .diskFull:
            fileSystem.capacityBytes = capacityBytes
        }
    }

    /// Undoes every fault: removes network faults, restores lost blocks and the disk's capacity.
    func heal() throws {
        network.removeFault(named: "fault")
        _ = try registry.add(package.tree, options: package.spec.options)
        fileSystem.capacityBytes = .max
    }
}

/// The result of running one download in a fresh simulation.
struct DownloadRun: Sendable {
    var seed: UInt64
    var cid: String
    /// What escaped `download`, if anything.
    var thrown: String?
    var downloadError: DownloadError?
    var attempts: [DownloadAttempt]
    var violations: [InvariantViolation]
    var registryRequests: Int
    var elapsed: Duration
}

let downloadTarget = "/srv/packages/pkg"

/// Downloads the seeded package with `variant` under `plan` and checks the downloader's invariants.
func runDownload(_ variant: IPFSDownloader.Variant, _ plan: FaultPlan, seed: UInt64 = 42) throws -> DownloadRun {
    let result = Simulation(seed: seed).run { simulation in
        let world = try ComponentWorld(simulation)
        try world.apply(plan)
        let downloader = world.downloader(variant)
        let start = simulation.now
        var thrown: (any Error)?
        do {
            try await downloader.download(cid: world.package.cid.description, into: downloadTarget)
        } catch {
            thrown = error
        }
        let elapsed = start.duration(to: simulation.now)
        let violations = await DownloaderInvariants.check(
            fileSystem: world.fileSystem, target: downloadTarget, cid: world.package.cid.description,
            succeeded: thrown == nil)
        world.registry.stop()
        return DownloadRun(
            seed: seed, cid: world.package.cid.description, thrown: thrown.map { "\(type(of: $0)): \($0)" },
            downloadError: thrown as? DownloadError, attempts: downloader.attempts, violations: violations,
            registryRequests: world.registry.requestCount, elapsed: elapsed)
    }
    return try unwrap(result)
}

/// The result of two creations: one under the fault, one after it healed.
struct ServiceRun: Sendable {
    var seed: UInt64
    var cid: String
    var first: ServiceResponse
    var second: ServiceResponse
    var records: [ServiceCreationRecord]
    var violations: [InvariantViolation]
    var attempts: [DownloadAttempt]
    var logs: [String]
    var leftoverPaths: [String]
}

final class LogSink: @unchecked Sendable {
    var lines: [String] = []
}

/// Creates a service under `plan`, heals the world, creates another, and checks the manager's invariants.
func runService(_ variant: ServiceManager.Variant, _ plan: FaultPlan, seed: UInt64 = 42) throws -> ServiceRun {
    let result = Simulation(seed: seed).run { simulation in
        let world = try ComponentWorld(simulation)
        try world.apply(plan)
        let downloader = world.downloader(variant == .naive ? .naive : .robust)
        let logs = LogSink()
        let manager = ServiceManager(
            variant: variant, fileSystem: world.fileSystem, downloader: downloader, log: { logs.lines.append($0) })
        let template = ServiceTemplate(name: "trader", hash: world.package.cid.description)
        let first = await manager.handleCreate(template: template)
        try world.heal()
        let second = await manager.handleCreate(template: template)
        let violations = await ServiceManagerInvariants.check(
            fileSystem: world.fileSystem, servicesRoot: manager.servicesRoot, counterPath: manager.counterPath,
            records: manager.records)
        world.registry.stop()
        return ServiceRun(
            seed: seed, cid: template.hash, first: first, second: second, records: manager.records,
            violations: violations, attempts: downloader.attempts, logs: logs.lines,
            leftoverPaths: try world.fileSystem.snapshot(of: "/services").paths)
    }
    return try unwrap(result)
}

struct SimulationFailed: Error, CustomStringConvertible {
    var description: String
}

func unwrap<Value>(_ result: SimulationResult<Value>) throws -> Value {
    switch result.value {
    case let .success(value)?: return value
    case let .failure(error)?: throw SimulationFailed(description: "root threw \(error) (seed \(result.seed))")
    case nil: throw SimulationFailed(description: "\(result.outcome.summary) (seed \(result.seed))")
    }
}

extension [InvariantViolation] {
    /// Whether `invariant` is broken with a message that mentions `text`.
    func broke(_ invariant: InvariantName, saying text: String) -> Bool {
        contains { $0.invariant == invariant && $0.message.contains(text) }
    }
}

import ChaosNet
import Scenarios
import Triage
import Uploader

/// One seed of the uploader: `uploads` local files of seeded content, uploaded one after another to the world's
/// object store; the run fails at the first upload that throws.
final class UploadWorkload: ScenarioWorkload {
    static let storeHost = "storage"
    static let storePort = 8080
    static let indexPath = "/var/lib/uploader/index"

    let world: ScenarioWorld
    let configuration: UploaderConfiguration
    let store = ObjectStore()
    let uploader: Uploader
    private var attempts: [Int] = []

    init(world: ScenarioWorld, variant: VariantName, configuration: UploaderConfiguration) throws {
        self.world = world
        self.configuration = configuration
        try store.start(in: world, host: Self.storeHost, port: Self.storePort)
        uploader = Uploader(
            variant: variant.component(Uploader.Variant.self), http: world.client, fileSystem: world.fileSystem,
            clock: world.clock, random: world.simulation.random("uploader.jitter"),
            store: "\(Self.storeHost):\(Self.storePort)", indexPath: Self.indexPath)
    }

    func perform(pass: Int) async -> WorkloadFailure? {
        do {
            try await prepareFiles()
        } catch {
            return WorkloadFailure(
                cause: "setup", summary: "the local files could not be written", detail: "\(error)")
        }
        for number in 1...configuration.uploads {
            let name = "object-\(number)"
            do {
                try await uploader.upload(path: "/data/\(name).bin", as: name)
                attempts.append(uploader.lastAttemptCount)
            } catch {
                attempts.append(uploader.lastAttemptCount)
                let cause = ErrorCause.name(of: error)
                return WorkloadFailure(
                    cause: cause, summary: "upload failed: \(cause)",
                    detail: "upload \(number) of \(configuration.uploads) (run \(pass + 1)): \(error)")
            }
        }
        return nil
    }

    /// The files to upload, the same bytes in every run of a seed.
    private func prepareFiles() async throws {
        let fileSystem = world.fileSystem
        guard !(await fileSystem.exists(at: "/data")) else { return }
        try await fileSystem.createDirectory(at: "/data", withIntermediates: true)
        try await fileSystem.createDirectory(at: "/var/lib/uploader", withIntermediates: true)
        let random = world.simulation.random("uploader.files")
        for number in 1...configuration.uploads {
            let bytes = (0..<configuration.fileSize).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try await fileSystem.writeFile(at: "/data/object-\(number).bin", contents: bytes)
        }
    }

    func violations() async -> [InvariantViolation] {
        let index: UploadIndex
        do {
            index = try await UploadIndex.read(at: Self.indexPath, in: world.fileSystem)
        } catch {
            return [InvariantViolation(.indexReadable, "\(Self.indexPath): \(error)")]
        }
        return index.entries.keys.sorted().compactMap { name in
            let size = index.entries[name]!
            guard let stored = store.objects[name] else {
                return InvariantViolation(.noPhantomIndexEntries, "the index names \(name), which the store lacks")
            }
            guard stored.count == size else {
                return InvariantViolation(
                    .noPhantomIndexEntries, "the index gives \(name) \(size) bytes, the store holds \(stored.count)")
            }
            return nil
        }
    }

    func figures() async -> SeedFigures {
        var figures = SeedFigures()
        for count in attempts { figures.record("attempts_per_upload", Double(count)) }
        // What the store's handler answered; replies a fault made before the handler ran are not among them.
        for (status, count) in store.statusCounts { figures.count("handled_by_status", String(status), by: count) }
        return figures
    }
}

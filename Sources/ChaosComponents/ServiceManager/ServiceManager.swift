import ChaosCore

/// Creates services as the incident's `POST /api/v2/service` does: allocate an id from a counter persisted in the
/// file system, download the template's package into `/services/<id>`, answer a status and a JSON body.
///
/// `naive` reproduces the incident: the counter is incremented and the directory created before the download, and
/// any error escapes `create` (the framework then answers a bare 500, see `handleCreate`). `robust` allocates the id
/// only after the package is in place, removes whatever a failed attempt left, logs the failure with the service
/// hash, and answers 503 `ipfs_download_error` with `retry_recommended` for transient download failures and 500
/// `internal_error` otherwise.
///
/// Not thread-safe: creations are serialised by the caller, as the incident's single-worker server does.
public final class ServiceManager: @unchecked Sendable {
    public enum Variant: String, Sendable, Equatable, CaseIterable {
        case naive, robust
    }

    public let variant: Variant
    public let servicesRoot: String
    /// The file holding the last allocated id, in decimal.
    public let counterPath: String
    /// Every call of `handleCreate`, in order.
    public private(set) var records: [ServiceCreationRecord] = []

    let fileSystem: any FileSystem
    let downloader: any PackageDownloader
    let log: @Sendable (String) -> Void
    /// The id of the creation in progress, for the record.
    private var currentID: Int?

    public init(
        variant: Variant, fileSystem: any FileSystem, downloader: any PackageDownloader,
        servicesRoot: String = "/services", counterPath: String = "/state/service-counter",
        log: @escaping @Sendable (String) -> Void
    ) {
        self.variant = variant
        self.fileSystem = fileSystem
        self.downloader = downloader
        self.servicesRoot = servicesRoot
        self.counterPath = counterPath
        self.log = log
    }

    /// The directory of service `id`.
    public func servicePath(_ id: Int) -> String { FileSystemPath.joining(servicesRoot, String(id)) }

    /// The HTTP handler: calls `create`, and answers a bare 500 for an error that escapes it, as FastAPI does.
    public func handleCreate(template: ServiceTemplate) async -> ServiceResponse {
        currentID = nil
        var record = ServiceCreationRecord(template: template, id: nil, response: .unhandledError, escapedError: nil)
        do {
            record.response = try await create(template: template)
        } catch {
            record.escapedError = "\(type(of: error)): \(error)"
        }
        record.id = currentID
        records.append(record)
        return record.response
    }

    /// Creates a service from `template`. The naive variant throws whatever fails; the robust one never throws.
    public func create(template: ServiceTemplate) async throws -> ServiceResponse {
        switch variant {
        case .naive: try await createNaively(template)
        case .robust: await createRobustly(template)
        }
    }

    private func createNaively(_ template: ServiceTemplate) async throws -> ServiceResponse {
        let id = try await readCounter() + 1
        try await writeCounter(id)
        currentID = id
        let path = servicePath(id)
        try await fileSystem.createDirectory(at: path, withIntermediates: true)
        try await downloader.download(cid: template.hash, into: path)
        return success(id: id, template: template)
    }

    private func createRobustly(_ template: ServiceTemplate) async -> ServiceResponse {
        var path: String?
        do {
            let id = try await readCounter() + 1
            path = servicePath(id)
            // A directory under an id the counter never handed out is debris of an earlier crash: not a service.
            try? await fileSystem.removeTree(at: servicePath(id))
            try await fileSystem.createDirectory(at: servicesRoot, withIntermediates: true)
            try await downloader.download(cid: template.hash, into: servicePath(id))
            try await writeCounter(id)
            currentID = id
            return success(id: id, template: template)
        } catch {
            if let path { try? await fileSystem.removeTree(at: path) }
            return failure(error, template: template)
        }
    }

    private func success(id: Int, template: ServiceTemplate) -> ServiceResponse {
        ServiceResponse(status: 200, body: .object([
            ("service_config_id", .string("sc-\(id)")), ("id", .int(id)), ("name", .string(template.name)),
            ("hash", .string(template.hash)),
        ]))
    }

    private func failure(_ error: any Error, template: ServiceTemplate) -> ServiceResponse {
        let details: String
        let transient: Bool
        switch error {
        case let error as DownloadError:
            details = error.description
            transient = error.isTransient
        case let error as HTTPClientError:
            details = error.description
            transient = error.isTransient
        default:
            details = "\(error)"
            transient = false
        }
        log("service creation failed for hash \(template.hash) (\(transient ? "transient" : "hard")): \(details)")
        if transient {
            return ServiceResponse(status: 503, body: .object([
                ("error", .string("Service creation failed")),
                ("message", .string(
                    "Unable to download service package from IPFS. This may be due to network issues or IPFS "
                        + "registry unavailability. Please try again.")),
                ("type", .string("ipfs_download_error")),
                ("retry_recommended", .bool(true)),
                ("details", .string(details)),
            ]))
        }
        return ServiceResponse(status: 500, body: .object([
            ("error", .string("Service creation failed")),
            ("message", .string("The service could not be created; retrying will not help.")),
            ("type", .string("internal_error")),
            ("retry_recommended", .bool(false)),
            ("details", .string(details)),
        ]))
    }

    // MARK: - Counter

    /// The last allocated id; 0 before the first.
    public func readCounter() async throws -> Int {
        let bytes: [UInt8]
        do {
            bytes = try await fileSystem.readFile(at: counterPath)
        } catch .notFound {
            return 0
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingNewline
        guard let value = Int(text), value >= 0 else {
            throw FileSystemError.ioError(path: counterPath, message: "corrupt counter \(text)")
        }
        return value
    }

    private func writeCounter(_ value: Int) async throws {
        try await fileSystem.createDirectory(at: FileSystemPath.parent(of: counterPath), withIntermediates: true)
        try await fileSystem.writeFile(at: counterPath, contents: Array("\(value)\n".utf8))
        try await fileSystem.syncFile(at: counterPath)
    }
}

extension String {
    fileprivate var trimmingNewline: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

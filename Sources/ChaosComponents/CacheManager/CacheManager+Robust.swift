import ChaosCore

extension CacheManager {
    /// The fix's put: straight to one archive on NFS (temporary name, then rename), a manifest beside it, a symlink
    /// as the local reference; skipped with a warning when the estimate does not fit in the time left; the local
    /// cache only when NFS is unavailable or fails. The data directory's mode is restored whatever happens.
    func robustPut(key: String, from source: String, deadline: C.Instant?) async throws -> CachePutOutcome {
        let data = dataDirectory(in: source)
        let originalMode = try await fileSystem.attributes(at: data, followSymlinks: true).mode
        try require(try await tools.chmodRecursively("a+rX", at: data), "chmod -R a+rX")
        do {
            let outcome = try await robustSave(key: key, from: source, deadline: deadline)
            try await restoreMode(originalMode, of: data)
            return outcome
        } catch {
            try? await restoreMode(originalMode, of: data)
            throw error
        }
    }

    private func restoreMode(_ mode: UInt16, of data: String) async throws {
        log("[cache-manager] Restoring pgdata permissions to mode \(String(mode, radix: 8))")
        try await fileSystem.setPermissions(at: data, mode: mode)
    }

    private func robustSave(key: String, from source: String, deadline: C.Instant?) async throws -> CachePutOutcome {
        guard await isDirectory(settings.nfsRoot) else {
            log("[cache-manager] NFS cache \(settings.nfsRoot) unavailable: caching locally")
            return try await saveLocally(key: key, from: source)
        }
        if let deadline {
            let bytes = try await tools.diskUsage(of: source)
            let estimate = Duration.seconds(bytes) / settings.estimatedArchiveBytesPerSecond
            let left = clock.now.duration(to: deadline) - settings.budgetMargin
            guard estimate <= left else {
                let reason = "the save needs about \(Self.seconds(estimate)) s and \(Self.seconds(left)) s are left "
                    + "after the \(Self.seconds(settings.budgetMargin)) s margin"
                log("Warning: skipping the cache save: \(reason)")
                return .skipped(reason: reason)
            }
        }
        let directory = settings.nfsDirectory(key)
        let archive = settings.archivePath(key)
        do {
            try await fileSystem.createDirectory(at: directory, mode: 0o755, withIntermediates: true)
            log("[cache-manager] Writing archive: \(archive)")
            let created = try await tools.createArchive(of: source, at: archive + ".tmp")
            try require(created, "tar cf")
            guard let summary = created.archive else { throw CacheManagerError.stepFailed(
                step: "tar cf", exitStatus: 2, diagnostics: ["no archive summary"]) }
            // The manifest goes first, so that a visible archive always has one; the archive's rename publishes.
            let manifest = CacheManifest(sourceRoot: source, archiveBytes: summary.bytes, archiveDigest: summary.digest)
            try await fileSystem.writeFile(at: settings.manifestPath(key) + ".tmp", contents: Array(manifest.text.utf8))
            try await fileSystem.rename(from: settings.manifestPath(key) + ".tmp", to: settings.manifestPath(key))
            try await fileSystem.rename(from: archive + ".tmp", to: archive)
        } catch let error as FileToolError where error == .killed {
            throw error
        } catch {
            log("Warning: Failed to push to NFS cache: \(error)")
            try? await fileSystem.removeItem(at: archive + ".tmp")
            return try await linkLocally(key: key, to: source) ? .savedLocally : .skipped(reason: "\(error)")
        }
        _ = try await linkLocally(key: key, to: source)
        return .savedToNFS
    }

    /// `ln -sfn SOURCE /cache/KEY`: an instant local reference instead of a copy.
    private func linkLocally(key: String, to source: String) async throws -> Bool {
        try await fileSystem.createDirectory(at: settings.localRoot, mode: 0o755, withIntermediates: true)
        let linked = try await tools.symlink(source, at: settings.localPath(key), noDereference: true)
        linked.diagnostics.forEach(log)
        return linked.succeeded
    }

    /// NFS unavailable: a full local copy, under a temporary name first.
    private func saveLocally(key: String, from source: String) async throws -> CachePutOutcome {
        let local = settings.localPath(key)
        try await fileSystem.createDirectory(at: settings.localRoot, mode: 0o755, withIntermediates: true)
        if await fileSystem.exists(at: local + ".tmp", followSymlinks: false) {
            try await fileSystem.removeTree(at: local + ".tmp")
        }
        try require(try await tools.copy(source, to: local + ".tmp", mode: .archive), "cp -a")
        if await fileSystem.exists(at: local, followSymlinks: false) { try await fileSystem.removeTree(at: local) }
        try await fileSystem.rename(from: local + ".tmp", to: local)
        return .savedLocally
    }

    /// The fix's get: the archive (verified against its manifest), else the legacy directory format, else the local
    /// cache, else a miss; then the tablespace links remapped to the restored tree and the data directory's mode set.
    func robustGet(key: String, into destination: String) async throws -> CacheGetOutcome {
        if let root = try await restoreArchive(key: key, into: destination) {
            try await finishRestore(destination, savedFrom: root)
            return .restoredFromArchive
        }
        let legacy = settings.nfsDirectory(key)
        if await isDirectory(dataDirectory(in: legacy)) {
            log("[cache-manager] Restoring legacy directory cache: \(legacy)")
            try require(try await tools.copy(legacy, to: destination, mode: .archive), "cp -a")
            try await finishRestore(destination, savedFrom: nil)
            return .restoredFromDirectory
        }
        let local = settings.localPath(key)
        // The local reference is a symlink to the saved tree: copy what it points to, not the link.
        let localTree = (try? await fileSystem.readSymlink(at: local)) ?? local
        if await isDirectory(dataDirectory(in: localTree)) {
            log("[cache-manager] Restoring from local cache: \(localTree)")
            try require(try await tools.copy(localTree, to: destination, mode: .archive), "cp -a")
            try await finishRestore(destination, savedFrom: localTree)
            return .restoredFromLocal
        }
        log("[cache-manager] Cache miss: \(key)")
        return .miss
    }

    /// Extracts and verifies the archive; returns the directory it was saved from, or nil (no archive, or a bad one,
    /// which is removed again with a warning) to try the next format.
    private func restoreArchive(key: String, into destination: String) async throws -> String? {
        let archive = settings.archivePath(key)
        guard await fileSystem.exists(at: archive) else { return nil }
        guard let text = try? await fileSystem.readFile(at: settings.manifestPath(key)),
            let manifest = CacheManifest(text: String(decoding: text, as: UTF8.self))
        else {
            log("Warning: \(archive) has no readable manifest; not using it")
            return nil
        }
        log("[cache-manager] Extracting archive: \(archive)")
        try await fileSystem.createDirectory(at: destination, mode: 0o755, withIntermediates: true)
        let extracted = try await tools.extractArchive(at: archive, into: destination)
        let summary = FileToolOutcome.ArchiveSummary(bytes: manifest.archiveBytes, digest: manifest.archiveDigest)
        guard extracted.succeeded, extracted.archive == summary else {
            extracted.diagnostics.forEach(log)
            let found = extracted.archive.map { "\($0.bytes) bytes" } ?? "unreadable"
            log("Warning: \(archive) does not match its manifest (\(found), expected \(manifest.archiveBytes) bytes "
                + "with digest \(String(manifest.archiveDigest, radix: 16))); not using it")
            try await fileSystem.removeTree(at: destination)
            return nil
        }
        return manifest.sourceRoot
    }

    /// Tablespace links remapped into the restored tree (as `pg_basebackup -T old=new` does), then the data directory
    /// given its PostgreSQL mode and owner; nothing lists inside it afterwards.
    private func finishRestore(_ destination: String, savedFrom root: String?) async throws {
        let data = dataDirectory(in: destination)
        let links = data + "/pg_tblspc"
        if await isDirectory(links) {
            for name in try await fileSystem.listDirectory(at: links) {
                let link = links + "/" + name
                guard let target = try? await fileSystem.readSymlink(at: link) else { continue }
                let remapped: String?
                if let root, target == root || target.hasPrefix(root + "/") {
                    remapped = destination + target.dropFirst(root.utf8.count)
                } else if !(await isDirectory(target)), await isDirectory(destination + "/tablespace") {
                    // A legacy cache does not record where it was saved from: a dangling link goes to the tablespace
                    // the tree carries.
                    remapped = destination + "/tablespace"
                } else {
                    remapped = nil
                }
                guard let remapped, remapped != target else { continue }
                log("[cache-manager] Remapping tablespace \(name): \(target) -> \(remapped)")
                try require(try await tools.symlink(remapped, at: link, noDereference: true), "ln -sfn")
            }
        }
        try await fileSystem.setPermissions(at: data, mode: 0o700)
        try await giveToDatabaseUser(data)
    }

    static func seconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds)
    }
}

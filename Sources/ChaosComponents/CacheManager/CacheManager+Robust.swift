import ChaosCore

extension CacheManager {
    /// The fix's put: straight to one archive on NFS (temporary name, then rename), a manifest beside it, a symlink
    /// as the local reference; skipped with a warning when the estimate does not fit in the time left; the local
    /// cache only when NFS is unavailable or fails. Nothing is relaxed first: tar reads the tree as it is (as root,
    /// with `-p`), so the archive keeps every mode, and the restore sets the data directory's mode after copying.
    func robustPut(key: String, from source: String, deadline: C.Instant?) async throws -> CachePutOutcome {
        // The budget comes first, for either destination: a save that cannot finish only burns the job's time.
        if let deadline, let reason = try await budgetShortfall(of: source, deadline: deadline) {
            log("Warning: skipping the cache save: \(reason)")
            return .skipped(reason: reason)
        }
        guard await isDirectory(settings.nfsRoot) else {
            log("[cache-manager] NFS cache \(settings.nfsRoot) unavailable: caching locally")
            return try await saveLocally(key: key, from: source)
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
            // A kill may land between any two of these steps.
            let manifest = CacheManifest(sourceRoot: source, archiveBytes: summary.bytes, archiveDigest: summary.digest)
            try FileTools.checkKilled()
            try await fileSystem.writeFile(at: settings.manifestPath(key) + ".tmp", contents: Array(manifest.text.utf8))
            try FileTools.checkKilled()
            try await fileSystem.rename(from: settings.manifestPath(key) + ".tmp", to: settings.manifestPath(key))
            try FileTools.checkKilled()
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

    /// Why the save does not fit in the time left before `deadline` minus the margin, or nil when it does. With no
    /// time left at all it answers before measuring the tree, since measuring costs time too.
    private func budgetShortfall(of source: String, deadline: C.Instant) async throws -> String? {
        let margin = settings.budgetMargin
        var left = clock.now.duration(to: deadline) - margin
        guard left > .zero else {
            return "\(Self.seconds(left + margin)) s are left, less than the \(Self.seconds(margin)) s margin"
        }
        let bytes = try await tools.diskUsage(of: source)
        let estimate = Duration.seconds(bytes) / settings.estimatedArchiveBytesPerSecond
        left = clock.now.duration(to: deadline) - margin
        guard estimate > left else { return nil }
        return "the save needs about \(Self.seconds(estimate)) s and \(Self.seconds(left)) s are left after the "
            + "\(Self.seconds(margin)) s margin"
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
        let fromArchive = try await attempt("the archive", destination) {
            try await self.restoreArchive(key: key, into: destination)
        }
        if let root = fromArchive {
            try await finishRestore(destination, savedFrom: root)
            return .restoredFromArchive
        }
        let legacy = settings.nfsDirectory(key)
        if await isDirectory(dataDirectory(in: legacy)), try await attempt("the legacy directory", destination, {
            self.log("[cache-manager] Restoring legacy directory cache: \(legacy)")
            try self.require(try await self.tools.copy(legacy, to: destination, mode: .archive), "cp -a")
            return true
        }) != nil {
            try await finishRestore(destination, savedFrom: nil)
            return .restoredFromDirectory
        }
        let local = settings.localPath(key)
        // The local reference is a symlink to the saved tree: copy what it points to, not the link.
        let localTree = (try? await fileSystem.readSymlink(at: local)) ?? local
        if await isDirectory(dataDirectory(in: localTree)), try await attempt("the local cache", destination, {
            self.log("[cache-manager] Restoring from local cache: \(localTree)")
            try self.require(try await self.tools.copy(localTree, to: destination, mode: .archive), "cp -a")
            return true
        }) != nil {
            try await finishRestore(destination, savedFrom: localTree)
            return .restoredFromLocal
        }
        log("[cache-manager] Cache miss: \(key)")
        return .miss
    }

    /// Runs one way of restoring; if it fails (NFS gone mid-read, a copy that cannot finish), removes what it left
    /// at `destination` and returns nil, so that the next way starts clean. A kill is not a failure: it ends the job.
    private func attempt<Value>(
        _ source: String, _ destination: String, _ body: () async throws -> Value?
    ) async throws -> Value? {
        do {
            return try await body()
        } catch let error as FileToolError where error == .killed {
            throw error
        } catch {
            log("Warning: restoring from \(source) failed: \(error); trying the next source")
            if await fileSystem.exists(at: destination, followSymlinks: false) {
                try? await fileSystem.removeTree(at: destination)
            }
            return nil
        }
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

import ChaosCore

extension CacheManager {
    /// The incident's put: relax permissions, copy to the local cache, then push that copy to NFS with `rsync -r`.
    func naivePut(key: String, from source: String) async throws -> CachePutOutcome {
        let local = settings.localPath(key)
        let nfs = settings.nfsDirectory(key)
        do {
            log("[cache-manager] Relaxing pgdata permissions for caching")
            try require(try await tools.chmodRecursively("a+rX", at: dataDirectory(in: source)), "chmod -R a+rX")
            log("[cache-manager] Caching locally: \(local)")
            try require(try await tools.copy(source, to: local, mode: .archive), "cp -a")
            log("[cache-manager] Copying to NFS: \(nfs)")
            try await fileSystem.createDirectory(at: settings.nfsRoot, mode: 0o755, withIntermediates: true)
            // Without -l, rsync does not transfer symlinks at all: the tablespace links stay behind.
            try require(try await tools.rsync(contentsOf: local, into: nfs, mode: .recursive), "rsync -r")
            return .savedToNFS
        } catch let error as FileToolError where error == .killed {
            // The script's `|| echo` runs as the copy dies; the job is killed right after.
            log("Terminated")
            log("Warning: Failed to push to NFS cache")
            throw error
        } catch {
            log("Warning: Failed to push to NFS cache")
            return await isDirectory(local) ? .savedLocally : .skipped(reason: "\(error)")
        }
    }

    /// The incident's get: copy the NFS directory (or the local cache) back, give the data directory to PostgreSQL
    /// with mode 0700, then list it for debugging — which the job's user can no longer do.
    func naiveGet(key: String, into destination: String) async throws -> CacheGetOutcome {
        let nfs = settings.nfsDirectory(key)
        let local = settings.localPath(key)
        let outcome: CacheGetOutcome
        if await isDirectory(nfs) {
            log("[cache-manager] Restoring from NFS: \(nfs)")
            try require(try await tools.copy(nfs, to: destination, mode: .archive), "cp -a")
            outcome = .restoredFromDirectory
        } else if await isDirectory(local) {
            log("[cache-manager] Restoring from local cache: \(local)")
            try require(try await tools.copy(local, to: destination, mode: .archive), "cp -a")
            outcome = .restoredFromLocal
        } else {
            log("[cache-manager] Cache miss: \(key)")
            return .miss
        }
        let data = dataDirectory(in: destination)
        log("Restoring pgdata permissions to mode 700")
        try await fileSystem.setPermissions(at: data, mode: 0o700)
        try await giveToDatabaseUser(data)
        // The debug listing added with the permission restore: `ls -la "${PGDATA_PATH}/"`.
        let listing = try await tools.list(data)
        try require(listing.outcome, "ls -la \(data)/")
        return outcome
    }
}

import ChaosComponents
import ChaosCore
import ChaosNet

/// The cache world's invariants, checked after both jobs against the saved tree, the NFS cache and the jobs' logs.
enum CacheInvariants {
    static func check(
        fileSystem fs: SimFileSystem, saved: FileTreeSnapshot?, restoredSaved: FileTreeSnapshot?,
        savingJob: CacheJobRecord,
        restoringJob: CacheJobRecord, logs: [String], settings: CacheSettings, key: String, source: String,
        destination: String, restoredKeySource: String
    ) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        // The cache step is what must not run the job past its timeout: a replay that alone overruns it, or an
        // after_script left too little time, fails the job whatever the manager does (a transient failure).
        if savingJob.timedOut, savingJob.phase == "put" {
            violations.append(InvariantViolation(
                .jobWithinTimeout,
                "the saving job was killed at its timeout during the cache put, \(seconds(savingJob.ended)) s in; the "
                    + "put started at \(seconds(savingJob.putStarted)) s"))
        }
        if let saved, let message = partialCache(fs, settings: settings, key: key, saved: saved) {
            violations.append(InvariantViolation(.noPartialCache, message))
        }
        // Whatever the restoring job got as far as restoring is checked, even when a later step of it failed.
        if restoringJob.getOutcome != "miss", (try? fs.snapshot(of: destination)) != nil {
            if let message = tablespaceProblem(fs, saved: restoredSaved, destination: destination, settings: settings) {
                violations.append(InvariantViolation(.tablespacesResolve, message))
            }
            if let restoredSaved, let message = treeDifference(
                fs, saved: restoredSaved, savedFrom: restoredKeySource, destination: destination,
                legacy: source != restoredKeySource)
            {
                violations.append(InvariantViolation(.restoredTreeMatches, message))
            }
        }
        if let line = logs.first(where: { $0.contains("Permission denied") }) {
            violations.append(InvariantViolation(.noPermissionErrors, line))
        }
        if let message = restoringJob.blockLogError {
            violations.append(InvariantViolation(.blockLogFound, message))
        }
        return violations
    }

    /// What is partial under the cache's final name, if anything: an archive that does not match its manifest (or has
    /// none), or a directory cache missing files of the saved tree or holding them short.
    static func partialCache(
        _ fs: SimFileSystem, settings: CacheSettings, key: String, saved: FileTreeSnapshot
    ) -> String? {
        // Read as an outside observer: a fault active now must not hide what is on the server.
        let directory = settings.nfsDirectory(key)
        guard let cached = try? fs.snapshot(of: directory) else { return nil }
        let names = Set(cached.entries.map(\.path))
        let archive = settings.archivePath(key)
        if names.contains("cache.tar") {
            guard let manifest = try? fs.inspectContent(at: settings.manifestPath(key)) else {
                return "\(archive) is published without its manifest"
            }
            guard let content = try? fs.inspectContent(at: archive) else { return "\(archive) is unreadable" }
            let text = String(decoding: manifest.materialize(), as: UTF8.self)
            let expected = "archive_bytes \(content.count)\narchive_digest \(String(content.digest, radix: 16))"
            guard text.contains(expected) else {
                return "\(archive) (\(content.count) bytes) does not match its manifest"
            }
            return nil
        }
        // A directory cache is one with a data directory; temporary files beside nothing are not a cache.
        guard names.contains(settings.dataDirectoryName) else { return nil }
        let files = saved.entries.filter { $0.kind == .file }
        let present = Dictionary(cached.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = files.filter { present[$0.path]?.contentDigest != $0.contentDigest }
        guard !missing.isEmpty else { return nil }
        return "the directory cache \(directory) holds \(files.count - missing.count) of \(files.count) files whole "
            + "(first missing or short: \(missing[0].path))"
    }

    /// Every tablespace link the saved data directory had is in the restored one and resolves to a directory with
    /// the version directory, and PostgreSQL opens the database.
    static func tablespaceProblem(
        _ fs: SimFileSystem, saved: FileTreeSnapshot?, destination: String, settings: CacheSettings
    ) -> String? {
        let data = settings.dataDirectoryName
        let prefix = data + "/pg_tblspc/"
        let links = saved?.entries.filter { $0.kind == .symlink && $0.path.hasPrefix(prefix) } ?? []
        for link in links {
            let restored = destination + "/" + link.path
            guard (try? fs.snapshot(of: restored + "/" + CacheDataset.versionDirectory)) != nil else {
                let postgres = PostgresStartupCheck.failure(on: fs, dataDirectory: destination + "/" + data)
                return "\(link.path) (saved -> \(link.symlinkTarget ?? "?")) does not resolve to a directory holding "
                    + "\(CacheDataset.versionDirectory) after the restore; PostgreSQL: \(postgres ?? "starts")"
            }
        }
        return PostgresStartupCheck.failure(on: fs, dataDirectory: destination + "/" + data)
    }

    /// The first differences between the saved tree and the restored one, tablespace links compared after mapping
    /// the saved root to the restore directory (as `pg_basebackup -T` does); for a legacy cache, whose links were
    /// saved from an older job, a link to the restored tablespace counts as remapped.
    static func treeDifference(
        _ fs: SimFileSystem, saved: FileTreeSnapshot, savedFrom root: String, destination: String, legacy: Bool
    ) -> String? {
        guard let restored = try? fs.snapshot(of: destination) else { return "nothing restored at \(destination)" }
        let expected = FileTreeSnapshot(root: destination, entries: saved.entries.map { entry in
            var entry = entry
            if let target = entry.symlinkTarget, target == root || target.hasPrefix(root + "/") {
                let remapped = destination + target.dropFirst(root.utf8.count)
                entry.symlinkTarget = remapped
                entry.size = remapped.utf8.count
            }
            return entry
        })
        let difference = FileTreeSnapshot.diff(from: expected, to: restored)
        guard !difference.isEmpty else { return nil }
        let lines = difference.description.split(separator: "\n").prefix(3).joined(separator: "; ")
        let count = difference.added.count + difference.removed.count + difference.changed.count
        return "the restored tree differs from the saved one in \(count) entr\(count == 1 ? "y" : "ies"): \(lines)"
            + (legacy ? " (legacy cache)" : "")
    }

    static func seconds(_ duration: Duration?) -> Int {
        Int(duration?.secondsDouble ?? 0)
    }
}

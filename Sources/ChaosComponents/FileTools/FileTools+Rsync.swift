import ChaosCore

extension FileTools {
    /// Which of rsync's options a run uses.
    public enum RsyncMode: Sendable, Equatable {
        /// `rsync -a`: `-rlptgoD` — recursive, symlinks recreated, modes and times kept, unchanged files skipped by
        /// size and time.
        case archive
        /// `rsync -r` without `-l`: symlinks are not transferred at all ("skipping non-regular file"), modes get the
        /// umask, times are not kept.
        case recursive
    }

    /// `rsync -a SOURCE/ DESTINATION/` (or `-r`): makes `destination` hold the entries of the directory `source`.
    ///
    /// Each file is written to a temporary `.name.XXXXXX` beside its final name, closed (its COMMIT on NFS), given
    /// its times and mode, and renamed into place: rsync's default "new copy then move into place".
    public func rsync(contentsOf source: String, into destination: String, mode: RsyncMode)
        async throws(FileToolError) -> FileToolOutcome
    {
        var run = ToolRun(tool: "rsync")
        var temporaryCounter = 0
        let source = (try? FileSystemPath.normalize(source)) ?? source
        let destination = (try? FileSystemPath.normalize(destination)) ?? destination
        do {
            if (try? await fileSystem.attributes(at: destination, followSymlinks: true).kind) != .directory {
                try await fileSystem.createDirectory(at: destination, mode: 0o755, withIntermediates: false)
            }
        } catch {
            try run.fail(error, "mkdir \"\(destination)\" failed")
            return run.outcome(failureStatus: 23)
        }
        try await rsyncDirectory(
            source, relative: "", into: destination, mode: mode, run: &run, counter: &temporaryCounter)
        if run.failed { run.note("rsync error: some files/attrs were not transferred (code 23)") }
        return run.outcome(failureStatus: 23)
    }

    private func rsyncDirectory(
        _ source: String, relative: String, into destination: String, mode: RsyncMode, run: inout ToolRun,
        counter: inout Int
    ) async throws(FileToolError) {
        let names: [String]
        do {
            names = try await fileSystem.listDirectory(at: source)
        } catch {
            try run.fail(error, "[sender] opendir \"\(source)\" failed")
            return
        }
        for name in names {
            try Self.checkKilled()
            let from = Self.join(source, name)
            let to = Self.join(destination, name)
            let path = relative.isEmpty ? name : relative + "/" + name
            let attributes: FileAttributes
            do {
                attributes = try await fileSystem.attributes(at: from, followSymlinks: false)
            } catch {
                try run.fail(error, "[sender] link_stat \"\(from)\" failed")
                continue
            }
            switch attributes.kind {
            case .directory:
                do {
                    if (try? await fileSystem.attributes(at: to, followSymlinks: false).kind) != .directory {
                        try await fileSystem.createDirectory(
                            at: to, mode: attributes.mode | 0o700, withIntermediates: false)
                    }
                } catch {
                    try run.fail(error, "recv_generator: mkdir \"\(to)\" failed")
                    continue
                }
                try await rsyncDirectory(from, relative: path, into: to, mode: mode, run: &run, counter: &counter)
                do {
                    if mode == .archive {
                        try await fileSystem.setModificationTime(at: to, seconds: attributes.modificationTime)
                    }
                    try await fileSystem.setPermissions(
                        at: to, mode: mode == .archive ? attributes.mode : attributes.mode & 0o777 & ~umask)
                } catch {
                    try run.fail(error, "failed to set permissions on \"\(to)\"")
                }
            case .file:
                try await rsyncFile(from, attributes, to: to, mode: mode, run: &run, counter: &counter)
            case .symlink:
                guard mode == .archive else {
                    run.note("skipping non-regular file \"\(path)\"")
                    continue
                }
                do {
                    let target = try await fileSystem.readSymlink(at: from)
                    if (try? await fileSystem.readSymlink(at: to)) == target { continue }
                    if await fileSystem.exists(at: to, followSymlinks: false) {
                        try await fileSystem.removeItem(at: to)
                    }
                    try await fileSystem.createSymlink(at: to, target: target)
                } catch {
                    try run.fail(error, "symlink \"\(to)\" failed")
                }
            case .other:
                run.note("skipping non-regular file \"\(path)\"")
            }
        }
    }

    private func rsyncFile(
        _ source: String, _ attributes: FileAttributes, to target: String, mode: RsyncMode, run: inout ToolRun,
        counter: inout Int
    ) async throws(FileToolError) {
        // The quick check: same size and modification time means unchanged (archive mode keeps times).
        if mode == .archive, let existing = try? await fileSystem.attributes(at: target, followSymlinks: false),
            existing.kind == .file, existing.size == attributes.size,
            existing.modificationTime == attributes.modificationTime
        {
            return
        }
        counter += 1
        let name = FileSystemPath.lastComponent(of: target)
        // mkstemp's six random characters, made deterministic: a counter in base 36.
        let suffix = String(String(counter, radix: 36).reversed()).padding(toLength: 6, withPad: "0", startingAt: 0)
        let temporary = Self.join(FileSystemPath.parent(of: target), ".\(name).\(suffix)")
        let finalMode = mode == .archive ? attributes.mode : attributes.mode & 0o777 & ~umask
        do throws(FileSystemError) {
            let handle = try await fileSystem.openForWriting(at: temporary, mode: 0o600, disposition: .exclusive)
            do throws(FileSystemError) {
                try await copyContent(of: source, into: handle)
                try await handle.close()
            } catch {
                try? await handle.close()
                throw error
            }
            if mode == .archive {
                try await fileSystem.setModificationTime(at: temporary, seconds: attributes.modificationTime)
            }
            try await fileSystem.setPermissions(at: temporary, mode: finalMode)
            try await fileSystem.rename(from: temporary, to: target)
        } catch {
            try? await fileSystem.removeItem(at: temporary)
            try run.fail(error, "write failed on \"\(target)\"")
        }
    }
}

import ChaosCore

extension FileTools {
    /// What `cp` keeps of each entry.
    public enum CopyMode: Sendable, Equatable {
        /// `cp -a`: `-dR --preserve=all` — symlinks as symlinks, exact modes, modification times.
        case archive
        /// `cp -r` (GNU): symlinks as symlinks too, but new entries get the source mode less the umask and the time
        /// of the copy.
        case recursive
    }

    /// `cp -a SOURCE DESTINATION` or `cp -r`: copies the tree at `source` to `destination`, or into it when it is an
    /// existing directory. Symlinks are never followed below the operand, and their target text is copied verbatim
    /// (an absolute target stays absolute).
    ///
    /// Each file is created, written, then (with `-a`) given its times and its mode, and closed — `copy_reg`'s order,
    /// so that on NFS each file's COMMIT falls at its SETATTR of the times.
    public func copy(_ source: String, to destination: String, mode: CopyMode) async throws(FileToolError)
        -> FileToolOutcome
    {
        var run = ToolRun(tool: "cp")
        let source = (try? FileSystemPath.normalize(source)) ?? source
        let attributes: FileAttributes
        do {
            attributes = try await fileSystem.attributes(at: source, followSymlinks: false)
        } catch {
            run.report("cannot stat '\(source)': \(FileToolMessages.text(of: error))")
            return run.outcome(failureStatus: 1)
        }
        var target = (try? FileSystemPath.normalize(destination)) ?? destination
        if (try? await fileSystem.attributes(at: target, followSymlinks: true).kind) == .directory {
            target = Self.join(target, FileSystemPath.lastComponent(of: source))
        }
        try await copyEntry(source, attributes, to: target, mode: mode, run: &run)
        return run.outcome(failureStatus: 1)
    }

    private func copyEntry(
        _ source: String, _ attributes: FileAttributes, to target: String, mode: CopyMode, run: inout ToolRun
    ) async throws(FileToolError) {
        try Self.checkKilled()
        switch attributes.kind {
        case .directory:
            try await copyDirectory(source, attributes, to: target, mode: mode, run: &run)
        case .file:
            try await copyFile(source, attributes, to: target, mode: mode, run: &run)
        case .symlink:
            do {
                let linkTarget = try await fileSystem.readSymlink(at: source)
                try await fileSystem.createSymlink(at: target, target: linkTarget)
            } catch {
                try run.fail(error, "cannot create symbolic link '\(target)'")
            }
        case .other:
            run.report("cannot copy special file '\(source)'")
        }
    }

    private func copyDirectory(
        _ source: String, _ attributes: FileAttributes, to target: String, mode: CopyMode, run: inout ToolRun
    ) async throws(FileToolError) {
        let names: [String]
        do {
            names = try await fileSystem.listDirectory(at: source)
        } catch {
            try run.fail(error, "cannot access '\(source)'")
            return
        }
        let finalMode = mode == .archive ? attributes.mode : attributes.mode & 0o777 & ~umask
        do {
            if (try? await fileSystem.attributes(at: target, followSymlinks: true).kind) != .directory {
                // Writable and searchable by the copier while it fills the directory; the mode is set afterwards.
                try await fileSystem.createDirectory(at: target, mode: finalMode | 0o700, withIntermediates: false)
            }
        } catch {
            try run.fail(error, "cannot create directory '\(target)'")
            return
        }
        for name in names {
            let child = Self.join(source, name)
            let childAttributes: FileAttributes
            do {
                childAttributes = try await fileSystem.attributes(at: child, followSymlinks: false)
            } catch {
                try run.fail(error, "cannot stat '\(child)'")
                continue
            }
            try await copyEntry(child, childAttributes, to: Self.join(target, name), mode: mode, run: &run)
        }
        do {
            if mode == .archive {
                try await fileSystem.setModificationTime(at: target, seconds: attributes.modificationTime)
                try await preserveOwner(of: attributes, at: target)
            }
            if mode == .archive || finalMode | 0o700 != finalMode {
                try await fileSystem.setPermissions(at: target, mode: finalMode)
            }
        } catch {
            try run.fail(error, "preserving permissions for '\(target)'")
        }
    }

    private func copyFile(
        _ source: String, _ attributes: FileAttributes, to target: String, mode: CopyMode, run: inout ToolRun
    ) async throws(FileToolError) {
        let createMode = attributes.mode & 0o777 & ~(mode == .archive ? 0 : umask)
        let handle: any FileWriteHandle
        do {
            handle = try await openDestination(target, mode: createMode)
        } catch {
            try run.fail(error, "cannot create regular file '\(target)'")
            return
        }
        do {
            try await copyContent(of: source, into: handle)
            if mode == .archive {
                // fdutimensat, the owner, then the permissions (copy_acl), all before close.
                try await fileSystem.setModificationTime(at: target, seconds: attributes.modificationTime)
                try await preserveOwner(of: attributes, at: target)
                try await fileSystem.setPermissions(at: target, mode: attributes.mode)
            }
            try await handle.close()
        } catch {
            try? await handle.close()
            try run.fail(error, "error copying '\(source)' to '\(target)'")
        }
    }

    /// `--preserve=ownership` as `cp -a` applies it: the source's owner and group, silently kept as they are when the
    /// process may not give the entry away (a non-root copier).
    func preserveOwner(of attributes: FileAttributes, at target: String) async throws(FileSystemError) {
        do {
            try await fileSystem.setOwner(at: target, userID: attributes.ownerID, groupID: attributes.groupID)
        } catch .permissionDenied {
            return
        }
    }

    /// Opens the copy's destination: created exclusively if new, truncated if a file is already there.
    func openDestination(_ target: String, mode: UInt16) async throws(FileSystemError) -> any FileWriteHandle {
        do {
            return try await fileSystem.openForWriting(at: target, mode: mode, disposition: .exclusive)
        } catch .alreadyExists {
            return try await fileSystem.openForWriting(at: target, mode: mode, disposition: .overwrite)
        }
    }
}

import ChaosCore

extension FileTools {
    /// `chmod -R MODE PATH`: changes `path` and, if it is a directory, everything below it, each directory before
    /// its entries (so that `a+rX` opens a directory before it is entered). Symlinks met on the way are neither
    /// followed nor changed, as with GNU's default `-P`.
    public func chmodRecursively(_ mode: String, at path: String) async throws(FileToolError) -> FileToolOutcome {
        guard let spec = FileModeSpec(mode) else { throw .usage(tool: "chmod", message: "invalid mode: '\(mode)'") }
        var run = ToolRun(tool: "chmod")
        let path = (try? FileSystemPath.normalize(path)) ?? path
        var pending = [path]
        while let current = pending.popLast() {
            try Self.checkKilled()
            let attributes: FileAttributes
            do {
                attributes = try await fileSystem.attributes(at: current, followSymlinks: current == path)
            } catch {
                try run.fail(error, "cannot access '\(current)'")
                continue
            }
            if attributes.kind == .symlink { continue }
            let isDirectory = attributes.kind == .directory
            let newMode = spec.applied(to: attributes.mode, isDirectory: isDirectory)
            if newMode != attributes.mode {
                do {
                    try await fileSystem.setPermissions(at: current, mode: newMode)
                } catch .permissionDenied {
                    // chmod of an entry another user owns is EPERM.
                    run.report("changing permissions of '\(current)': Operation not permitted")
                } catch {
                    try run.fail(error, "changing permissions of '\(current)'")
                }
            }
            guard isDirectory else { continue }
            do {
                let names = try await fileSystem.listDirectory(at: current)
                pending.append(contentsOf: names.reversed().map { Self.join(current, $0) })
            } catch {
                try run.fail(error, "cannot read directory '\(current)'")
            }
        }
        return run.outcome(failureStatus: 1)
    }

    /// `ln -sf TARGET LINK` (with `noDereference`, `ln -sfn`): replaces `link` with a symlink to `target`. Without
    /// `-n`, a `link` that is (or points to) a directory gets the new link inside it, named after `target` — GNU ln's
    /// classic surprise on a second run.
    public func symlink(_ target: String, at link: String, noDereference: Bool = false)
        async throws(FileToolError) -> FileToolOutcome
    {
        var run = ToolRun(tool: "ln")
        var link = (try? FileSystemPath.normalize(link)) ?? link
        if !noDereference, (try? await fileSystem.attributes(at: link, followSymlinks: true).kind) == .directory {
            let name = target.split(separator: "/").last.map(String.init) ?? target
            link = Self.join(link, name)
        }
        do {
            if await fileSystem.exists(at: link, followSymlinks: false) {
                if (try? await fileSystem.attributes(at: link, followSymlinks: false).kind) == .directory {
                    run.report("cannot overwrite directory '\(link)'")
                    return run.outcome(failureStatus: 1)
                }
                try await fileSystem.removeItem(at: link)
            }
            try await fileSystem.createSymlink(at: link, target: target)
        } catch {
            try run.fail(error, "failed to create symbolic link '\(link)'")
        }
        return run.outcome(failureStatus: 1)
    }

    /// `mv SOURCE DESTINATION` on one file system: a rename, into `destination` when it is a directory.
    public func move(_ source: String, to destination: String) async throws(FileToolError) -> FileToolOutcome {
        var run = ToolRun(tool: "mv")
        let source = (try? FileSystemPath.normalize(source)) ?? source
        var destination = (try? FileSystemPath.normalize(destination)) ?? destination
        if (try? await fileSystem.attributes(at: destination, followSymlinks: true).kind) == .directory,
            (try? await fileSystem.attributes(at: source, followSymlinks: false).kind) != .directory
        {
            destination = Self.join(destination, FileSystemPath.lastComponent(of: source))
        }
        do {
            try await fileSystem.rename(from: source, to: destination)
        } catch {
            try run.fail(error, "cannot move '\(source)' to '\(destination)'")
        }
        return run.outcome(failureStatus: 1)
    }

    /// `ls PATH`: the names in the directory, or the error `ls` prints (inside a `0700` directory another user owns,
    /// "Permission denied").
    public func list(_ path: String) async throws(FileToolError) -> (names: [String], outcome: FileToolOutcome) {
        var run = ToolRun(tool: "ls")
        let path = (try? FileSystemPath.normalize(path)) ?? path
        do {
            return (try await fileSystem.listDirectory(at: path), run.outcome(failureStatus: 2))
        } catch {
            try run.fail(error, "cannot open directory '\(path)'")
            return ([], run.outcome(failureStatus: 2))
        }
    }
}

extension FileTools {
    /// `du -sb PATH`: the bytes of every file below `path` (symlinks count their target text, as `du -b` does).
    public func diskUsage(of path: String) async throws(FileToolError) -> Int {
        var run = ToolRun(tool: "du")
        var total = 0
        var pending = [(try? FileSystemPath.normalize(path)) ?? path]
        while let current = pending.popLast() {
            try Self.checkKilled()
            do {
                let attributes = try await fileSystem.attributes(at: current, followSymlinks: false)
                total += attributes.kind == .directory ? 0 : attributes.size
                if attributes.kind == .directory {
                    pending += try await fileSystem.listDirectory(at: current).map { Self.join(current, $0) }
                }
            } catch {
                try run.fail(error, "cannot access '\(current)'")
            }
        }
        return total
    }
}

import ChaosCore
import ChaosTar

extension FileTools {
    /// `tar xf ARCHIVE -C DIRECTORY`: recreates the archive's members below `directory`, which must exist.
    ///
    /// GNU tar's order and rules: each file is created (an existing one is unlinked first), written, given its
    /// modification time and closed, its mode being the archive's (less the umask unless run as root); directories
    /// get their mode and time only at the end, and symlinks whose target is absolute or climbs with `..` are created
    /// last (tar's delayed links), their target text kept verbatim. Leading `/` are stripped from member names and
    /// members with a `..` component are skipped. Synthetic content in the archive stays synthetic in the files.
    public func extractArchive(at archive: String, into directory: String) async throws(FileToolError)
        -> FileToolOutcome
    {
        var run = ToolRun(tool: "tar")
        let directory = (try? FileSystemPath.normalize(directory)) ?? directory
        var extraction = TarExtraction(tools: self, root: directory)
        var offset = 0
        var hasher = FileContentHasher()
        do {
            while true {
                try Self.checkKilled()
                let chunk = try await fileSystem.readContent(at: archive, offset: offset, count: readChunkBytes)
                hasher.combine(chunk)
                offset += chunk.count
                try await extraction.feed(chunk, run: &run)
                if chunk.count < readChunkBytes { break }
            }
            try await extraction.finish(run: &run)
        } catch let error as FileToolError {
            await extraction.abandon()
            throw error
        } catch let error as FileSystemError {
            await extraction.abandon()
            if Self.isFatal(error) { throw .device(tool: "tar", error: error, diagnostics: run.diagnostics) }
            run.report("\(archive): Cannot open: \(FileToolMessages.text(of: error))")
        } catch let error as TarReadError {
            await extraction.abandon()
            run.report("\(archive): \(error)")
            run.note("tar: Error is not recoverable: exiting now")
        } catch {
            await extraction.abandon()
            run.report("\(archive): \(error)")
        }
        if run.failed, !run.diagnostics.contains("tar: Error is not recoverable: exiting now") {
            run.note("tar: Exiting with failure status due to previous errors")
        }
        var outcome = run.outcome(failureStatus: 2)
        outcome.archive = FileToolOutcome.ArchiveSummary(bytes: offset, digest: hasher.value)
        return outcome
    }
}

/// The state of one `tar x`: the parser, the file being written, and what is delayed to the end.
struct TarExtraction {
    let tools: FileTools
    let root: String
    var reader = TarReader()
    /// The file being written and the bytes it still expects.
    var current: (handle: any FileWriteHandle, path: String, entry: TarEntry, remaining: UInt64)?
    /// Directories whose mode and time are set at the end, in creation order.
    var delayedDirectories: [(path: String, entry: TarEntry)] = []
    /// Symlinks created at the end.
    var delayedLinks: [(path: String, target: String)] = []

    init(tools: FileTools, root: String) {
        self.tools = tools
        self.root = root
    }

    /// Parses one chunk of the archive; synthetic ranges inside a member's content go to the file as they are.
    mutating func feed(_ chunk: FileContent, run: inout ToolRun) async throws {
        for extent in chunk.extents {
            switch extent {
            case let .bytes(bytes):
                var events: [TarEvent] = []
                try reader.feed(bytes[...]) { events.append($0) }
                for event in events { try await apply(event, run: &run) }
            case let .synthetic(range):
                var rest = range
                while rest.count > 0 {
                    let inContent = Int(min(UInt64(rest.count), reader.contentRemaining))
                    if inContent > 0 {
                        reader.skipContent(UInt64(inContent))
                        try await write(FileContent(rest.slice(from: 0, count: inContent)), run: &run)
                        rest = rest.slice(from: inContent, count: rest.count - inContent)
                    } else {
                        // Synthetic bytes outside content (an archive of random data): parse them as bytes.
                        let piece = rest.slice(from: 0, count: min(rest.count, 512))
                        var events: [TarEvent] = []
                        try reader.feed(piece.materialize()[...]) { events.append($0) }
                        for event in events { try await apply(event, run: &run) }
                        rest = rest.slice(from: piece.count, count: rest.count - piece.count)
                    }
                }
            }
        }
    }

    mutating func finish(run: inout ToolRun) async throws {
        _ = try reader.finish()
        try await completeFile(run: &run)
        for link in delayedLinks {
            do {
                try await tools.fileSystem.createSymlink(at: link.path, target: link.target)
            } catch {
                try run.fail(error, "\(link.path): Cannot create symlink to '\(link.target)'")
            }
        }
        // Deepest first, so that a directory's own time is set after its children were created.
        for (path, entry) in delayedDirectories.reversed() {
            do {
                try await tools.fileSystem.setModificationTime(at: path, seconds: Int64(entry.mtime))
                try await tools.fileSystem.setPermissions(at: path, mode: mode(of: entry))
            } catch {
                try run.fail(error, "\(path): Cannot change mode")
            }
        }
    }

    mutating func abandon() async {
        if let current { try? await current.handle.close() }
        current = nil
    }

    private func mode(of entry: TarEntry) -> UInt16 {
        let mode = UInt16(entry.mode & 0o7777)
        return tools.runsAsRoot ? mode : mode & ~tools.umask
    }

    private mutating func apply(_ event: TarEvent, run: inout ToolRun) async throws {
        switch event {
        case let .entry(entry):
            try await completeFile(run: &run)
            try await create(entry, run: &run)
        case let .data(bytes):
            try await write(FileContent(bytes), run: &run)
        case .end:
            try await completeFile(run: &run)
        }
    }

    private mutating func write(_ content: FileContent, run: inout ToolRun) async throws {
        guard let file = current else { return }
        try await file.handle.append(content: content)
        current?.remaining -= UInt64(content.count)
        if current?.remaining == 0 { try await completeFile(run: &run) }
    }

    /// futimens, then close: where tar x pays a file's COMMIT on NFS.
    private mutating func completeFile(run: inout ToolRun) async throws {
        guard let file = current, file.remaining == 0 else { return }
        current = nil
        do {
            try await tools.fileSystem.setModificationTime(at: file.path, seconds: Int64(file.entry.mtime))
            try await file.handle.close()
        } catch {
            try? await file.handle.close()
            try run.fail(error, "\(file.path): Cannot utime")
        }
    }

    private mutating func create(_ entry: TarEntry, run: inout ToolRun) async throws {
        try FileTools.checkKilled()
        var name = entry.path
        if name.hasPrefix("/") {
            name = String(name.drop { $0 == "/" })
            if !run.diagnostics.contains("tar: Removing leading `/' from member names") {
                run.note("tar: Removing leading `/' from member names")
            }
        }
        let components = name.split(separator: "/").filter { $0 != "." }
        if components.contains("..") {
            run.report("\(entry.path): Member name contains '..'")
            return
        }
        let path = components.isEmpty ? root : FileSystemPath.joining(root, components.joined(separator: "/"))
        do {
            switch entry.kind {
            case .directory:
                if !(await tools.fileSystem.exists(at: path)) {
                    try await tools.fileSystem.createDirectory(
                        at: path, mode: mode(of: entry) | 0o700, withIntermediates: false)
                }
                delayedDirectories.append((path, entry))
            case .file:
                let handle = try await openFresh(path, mode: mode(of: entry))
                current = (handle, path, entry, entry.size)
                try await completeFile(run: &run)
            case .symlink:
                if entry.linkTarget.hasPrefix("/") || entry.linkTarget.split(separator: "/").contains("..") {
                    delayedLinks.append((path, entry.linkTarget))
                } else {
                    try await tools.fileSystem.createSymlink(at: path, target: entry.linkTarget)
                }
            }
        } catch let error as FileSystemError {
            try run.fail(error, "\(name): Cannot open")
        }
    }

    /// tar's default for an existing entry: unlink it, then create the file exclusively.
    private func openFresh(_ path: String, mode: UInt16) async throws(FileSystemError) -> any FileWriteHandle {
        do {
            return try await tools.fileSystem.openForWriting(at: path, mode: mode, disposition: .exclusive)
        } catch .alreadyExists {
            try await tools.fileSystem.removeItem(at: path)
            return try await tools.fileSystem.openForWriting(at: path, mode: mode, disposition: .exclusive)
        }
    }
}

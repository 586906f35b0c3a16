import ChaosCore
import ChaosTar

extension FileTools {
    /// GNU tar's default record: archives are written, and padded at the end, in 20 blocks of 512 bytes.
    static let tarRecordBytes = 10_240

    /// `tar cf ARCHIVE -C DIRECTORY .`: one archive file holding the tree, members named `./…` in sorted order (as
    /// `--sort=name` gives), symlinks as type-2 members with their target text, modes and modification times kept.
    ///
    /// The archive is opened once and written as one stream, so on NFS it pays a single COMMIT at its close, where
    /// a per-file copy pays one per file. A member that cannot be read is reported and left out, and the exit status
    /// is then 2, as GNU tar's.
    public func createArchive(of directory: String, at archive: String) async throws(FileToolError)
        -> FileToolOutcome
    {
        let handle: any FileWriteHandle
        do {
            handle = try await fileSystem.openForWriting(at: archive, mode: 0o644, disposition: .overwrite)
        } catch {
            var run = ToolRun(tool: "tar")
            try run.fail(error, "\(archive): Cannot open")
            return run.outcome(failureStatus: 2)
        }
        return try await createArchive(ofDirectory: directory, into: handle)
    }

    /// The archive of `directory` written to `handle` (a file, or a pipe), which this closes.
    func createArchive(ofDirectory directory: String, into handle: any FileWriteHandle)
        async throws(FileToolError) -> FileToolOutcome
    {
        var run = ToolRun(tool: "tar")
        let directory = (try? FileSystemPath.normalize(directory)) ?? directory
        var stream = TarStream(handle: handle)
        do {
            let rootAttributes = try await fileSystem.attributes(at: directory, followSymlinks: true)
            let mtime = Self.tarTime(rootAttributes)
            try await stream.add(.directory("./", mode: UInt32(rootAttributes.mode), mtime: mtime))
            try await archiveChildren(of: directory, as: ".", into: &stream, run: &run)
            try await stream.finish()
            try await handle.close()
        } catch let error as FileToolError {
            try? await handle.close()
            throw error
        } catch let error as FileSystemError {
            try? await handle.close()
            try run.fail(error, "\(directory): Cannot stat")
        } catch {
            try? await handle.close()
            throw .usage(tool: "tar", message: "\(error)")
        }
        if run.failed { run.note("tar: Exiting with failure status due to previous errors") }
        var outcome = run.outcome(failureStatus: 2)
        outcome.archive = FileToolOutcome.ArchiveSummary(bytes: stream.written, digest: stream.hasher.value)
        return outcome
    }

    private func archiveChildren(
        of directory: String, as member: String, into stream: inout TarStream, run: inout ToolRun
    ) async throws(FileToolError) {
        let names: [String]
        do {
            names = try await fileSystem.listDirectory(at: directory)
        } catch {
            try run.fail(error, "\(member): Cannot open")
            return
        }
        for name in names {
            try Self.checkKilled()
            let path = Self.join(directory, name)
            let memberPath = member + "/" + name
            do {
                let attributes = try await fileSystem.attributes(at: path, followSymlinks: false)
                let mtime = Self.tarTime(attributes)
                let mode = UInt32(attributes.mode)
                switch attributes.kind {
                case .directory:
                    try await stream.add(.directory(memberPath + "/", mode: mode, mtime: mtime))
                    try await archiveChildren(of: path, as: memberPath, into: &stream, run: &run)
                case .file:
                    try await stream.addFile(
                        .file(memberPath, size: UInt64(attributes.size), mode: mode, mtime: mtime), from: path,
                        tools: self)
                case .symlink:
                    let target = try await fileSystem.readSymlink(at: path)
                    try await stream.add(.symlink(memberPath, target: target, mtime: mtime))
                case .other:
                    run.note("tar: \(memberPath): socket ignored")
                }
            } catch let error as FileSystemError {
                try run.fail(error, "\(memberPath): Cannot open")
            } catch let error as TarStream.ShrankError {
                run.report("\(memberPath): File shrank by \(error.missing) bytes; padding with zeros")
            } catch let error as FileToolError {
                throw error
            } catch {
                throw .usage(tool: "tar", message: "\(memberPath): \(error)")
            }
        }
    }

    /// A modification time as tar stores it: never negative.
    static func tarTime(_ attributes: FileAttributes) -> UInt64 {
        UInt64(max(0, attributes.modificationTime))
    }
}

/// The archive being written: the tar writer's headers and padding around content streamed from the files.
struct TarStream {
    /// A file delivered fewer bytes than its header announced (it shrank while being archived).
    struct ShrankError: Error {
        var missing: Int
    }

    let handle: any FileWriteHandle
    var writer = TarWriter()
    /// Bytes written so far, to pad the end to a whole record.
    var written = 0
    /// The digest of everything written, as the stream passes.
    var hasher = FileContentHasher()
    /// Headers and padding not yet written: they go out with the next content or at the end, so that a file member
    /// costs one write call (its padding, the next header and the next content together), as tar's record buffer
    /// gathers them, instead of three.
    private var pending: [UInt8] = []

    init(handle: any FileWriteHandle) {
        self.handle = handle
    }

    mutating func add(_ entry: TarEntry) async throws {
        pending += try writer.header(for: entry)
    }

    /// A file member: its header, its content read from `path`, and the padding.
    mutating func addFile(_ entry: TarEntry, from path: String, tools: FileTools) async throws {
        var remaining = Int(entry.size)
        var offset = 0
        // The first read comes before the header: a file that cannot be opened leaves no member, as with GNU tar.
        var chunk = try await tools.fileSystem.readContent(
            at: path, offset: 0, count: min(remaining, tools.readChunkBytes))
        pending += try writer.header(for: entry)
        while remaining > 0, !chunk.isEmpty {
            var piece = FileContent(pending)
            pending.removeAll(keepingCapacity: true)
            piece.append(chunk)
            try await write(piece)
            offset += chunk.count
            remaining -= chunk.count
            pending += try writer.contentWritten(chunk.count)
            if remaining > 0 {
                chunk = try await tools.fileSystem.readContent(
                    at: path, offset: offset, count: min(remaining, tools.readChunkBytes))
            }
        }
        if remaining > 0 {
            // GNU tar pads a shrunken file with zeros so that the archive stays readable, and reports it.
            pending += [UInt8](repeating: 0, count: remaining)
            pending += try writer.contentWritten(remaining)
            throw ShrankError(missing: remaining)
        }
    }

    /// The end blocks, then zeros up to a whole record.
    mutating func finish() async throws {
        pending += try writer.end()
        let record = FileTools.tarRecordBytes
        pending += [UInt8](repeating: 0, count: (record - (written + pending.count) % record) % record)
        let rest = FileContent(pending)
        pending.removeAll()
        try await write(rest)
    }

    private mutating func write(_ content: FileContent) async throws {
        guard !content.isEmpty else { return }
        try await handle.append(content: content)
        hasher.combine(content)
        written += content.count
    }
}

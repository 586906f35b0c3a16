import ChaosCore

extension FileTools {
    /// `tar cf - -C SOURCE . | tar xf - -C DESTINATION`: streams the tree through a pipe into `destination`, which
    /// must exist. Nothing is stored in between, and yet on NFS it costs what a per-file copy costs: the extracting
    /// side still creates, writes, stamps and closes every file, paying each one's COMMIT.
    public func tarPipe(from source: String, into destination: String) async throws(FileToolError) -> FileToolOutcome {
        let pipe = TarPipe(extraction: TarExtraction(tools: self, root: destination))
        let creating = try await createArchive(ofDirectory: source, into: pipe)
        var outcome = FileToolOutcome(
            exitStatus: max(creating.exitStatus, pipe.run.failed ? 2 : 0),
            diagnostics: creating.diagnostics + pipe.run.diagnostics)
        if let failure = pipe.failure {
            outcome.exitStatus = 2
            outcome.diagnostics.append("tar: \(failure)")
        }
        return outcome
    }
}

/// The write end of the pipe between the two tars: what the creating side writes, the extracting side parses.
final class TarPipe: FileWriteHandle, @unchecked Sendable {
    let path = "-"
    var extraction: TarExtraction
    var run = ToolRun(tool: "tar")
    /// The first error of the extracting side; it then reads no more, as a tar that exited leaves a broken pipe.
    var failure: (any Error)?

    init(extraction: TarExtraction) {
        self.extraction = extraction
    }

    func append(_ bytes: some Collection<UInt8>) async throws(FileSystemError) {
        try await append(content: FileContent(bytes))
    }

    func append(content: FileContent) async throws(FileSystemError) {
        guard failure == nil else { return }
        do {
            try await extraction.feed(content, run: &run)
        } catch let error as FileToolError {
            failure = error
        } catch let error as FileSystemError {
            if FileTools.isFatal(error) { throw error }
            failure = error
        } catch {
            failure = error
        }
    }

    func sync() async throws(FileSystemError) {}

    func close() async throws(FileSystemError) {
        guard failure == nil else { return }
        do {
            try await extraction.finish(run: &run)
        } catch let error as FileSystemError {
            if FileTools.isFatal(error) { throw error }
            failure = error
        } catch {
            failure = error
        }
    }
}

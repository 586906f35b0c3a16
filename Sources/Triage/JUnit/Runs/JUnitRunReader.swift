/// Builds runs from paths: with the commit and time given explicitly, taken from a manifest, or, failing both,
/// read from the files' own attributes.
public struct JUnitRunReader: Sendable {
    public var inputReader: JUnitInputReader

    /// Suite properties that carry the commit under CI: Surefire copies the environment into `<properties>`, with
    /// or without an `env.` prefix. The first one present wins, in this order.
    public static let commitPropertyNames = [
        "GIT_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "TRAVIS_COMMIT",
        "BUILD_VCS_NUMBER", "BUILD_SOURCEVERSION", "git.commit", "git.commit.id",
    ]

    public init(inputReader: JUnitInputReader = JUnitInputReader()) {
        self.inputReader = inputReader
    }

    /// The run at `path`; a commit or timestamp given here wins over the files' attributes.
    public func run(
        path: String, commit: String? = nil, timestamp: RunTimestamp? = nil, job: String? = nil
    ) -> JUnitRun {
        let result = inputReader.read(paths: [path])
        return run(path: path, result: result, commit: commit, timestamp: timestamp, job: job, source: .explicit)
    }

    /// One run for each manifest row, in manifest order, with the row's paths resolved against the manifest.
    public func runs(manifest: RunManifest) -> [JUnitRun] {
        manifest.rows.map { row in
            let result = inputReader.read(paths: [manifest.resolvedPath(row)])
            return run(
                path: row.path, result: result, commit: row.commit, timestamp: row.timestamp, job: row.job,
                source: .manifest
            )
        }
    }

    private func run(
        path: String, result: JUnitReadResult, commit: String?, timestamp: RunTimestamp?, job: String?,
        source: JUnitRun.Provenance
    ) -> JUnitRun {
        let fileCommit = commit == nil ? Self.commit(in: result.files) : nil
        // The earliest suite timestamp: a run starts when its first suite does.
        let fileTimes = result.files.compactMap { $0.timestamp.flatMap(RunTimestamp.init) }
        let fileTime = timestamp == nil ? fileTimes.min() : nil
        return JUnitRun(
            path: path, commit: commit ?? fileCommit,
            commitSource: commit != nil ? source : (fileCommit != nil ? .fileAttributes : .unknown),
            timestamp: timestamp ?? fileTime,
            timestampSource: timestamp != nil ? source : (fileTime != nil ? .fileAttributes : .unknown),
            job: job, hostname: result.files.lazy.compactMap(\.hostname).first, result: result
        )
    }

    /// The commit named by a CI variable among the files' suite properties.
    static func commit(in files: [JUnitFile]) -> String? {
        for name in commitPropertyNames {
            for file in files {
                let value = file.properties.first { $0.name == name || $0.name == "env." + name }?.value
                if let value, !value.isEmpty, !value.contains(where: \.isWhitespace) { return value }
            }
        }
        return nil
    }
}

import Scenarios

/// The uploader's keys of `workload:`: how many files one seed uploads, and how big each is.
public struct UploaderConfiguration: Sendable, Equatable {
    public var uploads: Int
    public var fileSize: Int

    public init(uploads: Int = 3, fileSize: Int = 64 << 10) {
        self.uploads = uploads
        self.fileSize = fileSize
    }

    static let keys = ["uploads", "file_size"]

    /// Reads `workload.uploads` and `workload.file_size`, with the loader's own located errors.
    static func decode(_ workload: WorkloadSection) throws(ScenarioFileError) -> UploaderConfiguration {
        let defaults = UploaderConfiguration()
        return UploaderConfiguration(
            uploads: try workload.value("uploads")?.integer(in: 1...1_000) ?? defaults.uploads,
            fileSize: try workload.value("file_size")?.byteSize(in: 1...(16 << 20)) ?? defaults.fileSize)
    }
}

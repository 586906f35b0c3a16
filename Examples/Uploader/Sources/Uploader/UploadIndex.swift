import ChaosCore

/// The uploader's local index: one `name size` line per object the store holds, sorted by name.
public struct UploadIndex: Sendable, Equatable {
    public var entries: [String: Int]

    public init(entries: [String: Int] = [:]) {
        self.entries = entries
    }

    /// The index at `path`; an absent file is an empty index. Throws `UploadIndexError` for a line that is not
    /// `name size`.
    public static func read(at path: String, in fileSystem: any FileSystem) async throws -> UploadIndex {
        guard await fileSystem.exists(at: path) else { return UploadIndex() }
        return try decode(await fileSystem.readFile(at: path))
    }

    public static func decode(_ bytes: [UInt8]) throws(UploadIndexError) -> UploadIndex {
        var entries: [String: Int] = [:]
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let size = Int(fields[1]), size >= 0 else {
                throw UploadIndexError(line: number + 1, text: String(line))
            }
            entries[String(fields[0])] = size
        }
        return UploadIndex(entries: entries)
    }

    public var encoded: [UInt8] {
        Array(entries.keys.sorted().map { "\($0) \(entries[$0]!)\n" }.joined().utf8)
    }

    /// Writes the index as a new file, syncs it, and renames it over `path`: a reader sees the old index or the new
    /// one, never a mix.
    static func replace(_ index: UploadIndex, at path: String, in fileSystem: any FileSystem) async throws {
        let temporary = path + ".tmp"
        try await fileSystem.writeFile(at: temporary, contents: index.encoded)
        try await fileSystem.syncFile(at: temporary)
        try await fileSystem.rename(from: temporary, to: path)
    }
}

/// A line of the index that is not `name size`.
public struct UploadIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }

    public var description: String { "index line \(line) is not 'name size': '\(text)'" }
}

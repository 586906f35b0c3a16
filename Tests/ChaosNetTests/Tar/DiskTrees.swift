import Foundation
import ChaosNet
import Testing

/// Moving archive items to and from real directories, for the interoperability tests.
enum DiskTrees {
    /// Creates `items` under `root`, with their modes, in order (parents come first in every sample).
    static func materialize(_ items: [ArchivedItem], under root: URL) throws {
        let fileManager = FileManager.default
        for item in items {
            let url = root.appendingPathComponent(item.entry.path)
            switch item.entry.kind {
            case .directory:
                try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
                try fileManager.setAttributes([.posixPermissions: Int(item.entry.mode)], ofItemAtPath: url.path)
            case .file:
                try Data(item.content).write(to: url)
                try fileManager.setAttributes([.posixPermissions: Int(item.entry.mode)], ofItemAtPath: url.path)
            case .symlink:
                try fileManager.createSymbolicLink(atPath: url.path, withDestinationPath: item.entry.linkTarget)
            }
        }
    }

    /// Checks that the tree under `root` holds exactly `items`: kinds, contents, modes and link targets.
    static func expectMatches(
        _ items: [ArchivedItem], under root: URL, checkingDirectoryModes: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let fileManager = FileManager.default
        for item in items {
            let path = root.appendingPathComponent(item.entry.path).path
            let attributes = try fileManager.attributesOfItem(atPath: path)
            let type = attributes[.type] as? FileAttributeType
            switch item.entry.kind {
            case .directory:
                #expect(type == .typeDirectory, "\(item.entry.path)", sourceLocation: sourceLocation)
            case .file:
                #expect(type == .typeRegular, "\(item.entry.path)", sourceLocation: sourceLocation)
                let content = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(Array(content) == item.content, "\(item.entry.path)", sourceLocation: sourceLocation)
            case .symlink:
                #expect(type == .typeSymbolicLink, "\(item.entry.path)", sourceLocation: sourceLocation)
                let target = try fileManager.destinationOfSymbolicLink(atPath: path)
                #expect(target == item.entry.linkTarget, "\(item.entry.path)", sourceLocation: sourceLocation)
            }
            if item.entry.kind == .file || (item.entry.kind == .directory && checkingDirectoryModes) {
                let mode = (attributes[.posixPermissions] as? NSNumber)?.uint32Value
                #expect(mode == item.entry.mode, "\(item.entry.path)", sourceLocation: sourceLocation)
            }
        }
        let onDisk = try fileManager.subpathsOfDirectory(atPath: root.path)
        #expect(onDisk.count == items.count, "entries on disk", sourceLocation: sourceLocation)
    }

    /// Items keyed by path with any trailing slash dropped, for comparing archives written by other tools.
    static func byPath(_ items: [ArchivedItem]) -> [String: ArchivedItem] {
        var result: [String: ArchivedItem] = [:]
        for item in items {
            var path = item.entry.path
            while path.count > 1 && path.hasSuffix("/") {
                path.removeLast()
            }
            var normalized = item
            normalized.entry.path = path
            result[path] = normalized
        }
        return result
    }

    /// Writes `bytes` to a file named `name` in `directory` and returns its URL.
    static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Reads a whole file.
    static func read(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }
}

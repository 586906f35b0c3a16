import ChaosNet

/// Reads `file_system:`: the durability model of the root and of each mount.
enum FileSystemDecoder {
    static let keys = ["durability", "mounts", "disk"]
    static let mountKeys = ["path", "durability", "storage"]
    static let durabilityNames: [(name: String, model: SimFileSystem.DurabilityModel)] = [
        ("journaled_metadata", .journaledMetadata), ("strict_directories", .strictDirectories),
    ]
    /// The disk profiles `disk:` names: what each operation costs.
    static let diskNames: [(name: String, latency: SimFileSystem.Latency)] = [
        ("free", .none), ("ssd", .ssd), ("hdd", .hdd), ("local_disk", .localDisk), ("nfs", .nfs),
    ]

    static func decode(_ node: LocatedNode?) throws(ScenarioFileError) -> FileSystemSpec {
        guard let node else { return FileSystemSpec() }
        let mapping = try node.mapping("file_system", allowedKeys: keys)
        let durability = try mapping.value("durability").map(decodeDurability) ?? .journaledMetadata
        var mounts: [SimFileSystem.Mount] = []
        for item in try mapping.value("mounts")?.list(itemLabel: "mount") ?? [] {
            let mount = try item.mapping("mount", allowedKeys: mountKeys)
            let pathNode = try mount.required("path")
            let path = try pathNode.string()
            guard SimFileSystem.isMountPath(path) else {
                throw pathNode.error(
                    "expected an absolute path without '.', '..', '//' or a trailing '/', got '\(path)'")
            }
            guard !mounts.contains(where: { $0.path == path }) else {
                throw pathNode.error("duplicate mount '\(path)'")
            }
            let durability = try decodeDurability(mount.required("durability"))
            let storage = try mount.value("storage").map(decodeStorage)
            mounts.append(SimFileSystem.Mount(path: path, durability: durability, storage: storage))
        }
        let latency = try mapping.value("disk").map(decodeDisk) ?? .none
        return FileSystemSpec(durability: durability, mounts: mounts, latency: latency)
    }

    static func decodeDisk(_ node: LocatedNode) throws(ScenarioFileError) -> SimFileSystem.Latency {
        let names = diskNames.map(\.name)
        let text = try node.scalarText(expected: "a disk profile (\(names.joined(separator: ", ")))")
        guard let latency = diskNames.first(where: { $0.name == text })?.latency else {
            let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "disk profiles")
            throw node.error("unknown disk profile '\(text)'\(hint)")
        }
        return latency
    }

    /// A mount's per-operation cost profile, by preset name (`SimFileSystem.StorageProfile.presets`).
    static func decodeStorage(_ node: LocatedNode) throws(ScenarioFileError) -> SimFileSystem.StorageProfile {
        let names = SimFileSystem.StorageProfile.presets.map(\.name)
        let text = try node.scalarText(expected: "a storage profile (\(names.joined(separator: ", ")))")
        guard let profile = SimFileSystem.StorageProfile.presets.first(where: { $0.name == text }) else {
            let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "storage profiles")
            throw node.error("unknown storage profile '\(text)'\(hint)")
        }
        return profile
    }

    static func decodeDurability(_ node: LocatedNode) throws(ScenarioFileError) -> SimFileSystem.DurabilityModel {
        let names = durabilityNames.map(\.name)
        let text = try node.scalarText(expected: "a durability model (\(names.joined(separator: " or ")))")
        guard let model = durabilityNames.first(where: { $0.name == text })?.model else {
            let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "durability models")
            throw node.error("unknown durability model '\(text)'\(hint)")
        }
        return model
    }
}

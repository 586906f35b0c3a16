import ChaosNet

/// Reads `file_system_faults:` into `FileSystemFaultSpec` values.
enum FileSystemFaultListDecoder {
    /// One entry per kind, its parameters and its decoder together (as `FaultKindDecoder`'s): no fallback case can
    /// read an unlisted kind as another.
    struct Entry: Sendable {
        var name: String
        var parameters: [String]
        var decode: @Sendable (LocatedMapping) throws(ScenarioFileError) -> FileSystemFaultSpec.Kind
    }

    static let entries: [Entry] = [
        Entry(name: "crash", parameters: []) { _ throws(ScenarioFileError) in .crash },
        Entry(name: "disk_full", parameters: ["capacity"]) { mapping throws(ScenarioFileError) in
            .diskFull(capacityBytes: try mapping.required("capacity").byteSize())
        },
        Entry(name: "slow_metadata", parameters: []) { _ throws(ScenarioFileError) in .slowMetadata },
    ]
    static let kindNames = entries.map(\.name)
    static let commonKeys = ["name", "kind", "activity"]
    static let keys = commonKeys + Array(Set(entries.flatMap(\.parameters))).sorted()

    /// Names must differ from each other and from the network faults' `networkFaultNames`: reports and traces
    /// refer to faults by name alone. Whether the component survives a `crash` is checked with the other
    /// requirements (`UnmetRequirement`), once the whole file is read.
    static func decode(
        _ node: LocatedNode?, networkFaultNames: [String]
    ) throws(ScenarioFileError) -> [FileSystemFaultSpec] {
        guard let node else { return [] }
        var faults: [FileSystemFaultSpec] = []
        for item in try node.list(itemLabel: "file system fault") {
            let mapping = try item.mapping("file system fault", allowedKeys: keys)
            let nameNode = try mapping.required("name")
            let name = try nameNode.identifier()
            guard !networkFaultNames.contains(name), !faults.contains(where: { $0.name == name }) else {
                throw nameNode.error("duplicate fault name '\(name)'")
            }
            let kindNode = try mapping.required("kind")
            let kindName = try kindNode.scalarText(expected: "a file system fault kind")
            guard let entry = entries.first(where: { $0.name == kindName }) else {
                let hint = SpellingSuggestion.hint(
                    for: kindName, among: kindNames, listLabel: "file system fault kinds")
                throw kindNode.error("unknown file system fault kind '\(kindName)'\(hint)")
            }
            for key in mapping.entries where !commonKeys.contains(key.key) && !entry.parameters.contains(key.key) {
                let owners = entries.filter { $0.parameters.contains(key.key) }.map { "'\($0.name)'" }
                throw key.keyNode.error("'\(key.key)' is only a parameter of file system fault kind "
                    + owners.joined(separator: ", "))
            }
            let kind = try entry.decode(mapping)
            let activity = try FaultActivityDecoder.decode(mapping.value("activity"))
            faults.append(FileSystemFaultSpec(name: name, kind: kind, activity: activity))
        }
        return faults
    }
}

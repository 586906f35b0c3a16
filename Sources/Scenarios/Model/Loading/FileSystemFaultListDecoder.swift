import ChaosNet

/// Reads `file_system_faults:` into `FileSystemFaultSpec` values.
enum FileSystemFaultListDecoder {
    static let kindNames = ["crash", "disk_full", "slow_metadata"]
    static let keys = ["name", "kind", "activity", "capacity"]

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
            let kind: FileSystemFaultSpec.Kind
            switch kindName {
            case "crash": kind = .crash
            case "slow_metadata": kind = .slowMetadata
            case "disk_full": kind = .diskFull(capacityBytes: try mapping.required("capacity").byteSize())
            default:
                let hint = SpellingSuggestion.hint(
                    for: kindName, among: kindNames, listLabel: "file system fault kinds")
                throw kindNode.error("unknown file system fault kind '\(kindName)'\(hint)")
            }
            if kindName != "disk_full", let entry = mapping.entries.first(where: { $0.key == "capacity" }) {
                throw entry.keyNode.error("'capacity' is only a parameter of file system fault kind 'disk_full'")
            }
            let activity = try FaultActivityDecoder.decode(mapping.value("activity"))
            faults.append(FileSystemFaultSpec(name: name, kind: kind, activity: activity))
        }
        return faults
    }
}

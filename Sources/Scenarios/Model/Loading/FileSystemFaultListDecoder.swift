import ChaosNet
import Yams

/// Reads `file_system_faults:` into the plan's `FileSystemFault` values.
enum FileSystemFaultListDecoder {
    /// One entry per kind, its parameters, its decoder and its encoder together (as `FaultKindDecoder`'s): no fallback
    /// case can read an unlisted kind as another.
    struct Entry: Sendable {
        var name: String
        var parameters: [String]
        /// Whether `toxicity` means something for the kind (`FileSystemFaultKind.takesToxicity`).
        var takesToxicity: Bool
        var decode: @Sendable (LocatedMapping) throws(ScenarioFileError) -> FileSystemFaultKind
        /// The parameters of a kind of this entry, a nil value for one at its default; nil for another entry's kind.
        var encode: @Sendable (FileSystemFaultKind) -> [(String, Node?)]?
    }

    static let entries: [Entry] = [
        Entry(name: "crash", parameters: [], takesToxicity: false) { _ throws(ScenarioFileError) in
            .powerLoss
        } encode: { kind in
            kind == .powerLoss ? [] : nil
        },
        Entry(name: "disk_full", parameters: ["capacity"], takesToxicity: false) { mapping throws(ScenarioFileError) in
            .diskFull(capacityBytes: try mapping.required("capacity").byteSize())
        } encode: { kind in
            guard case let .diskFull(capacity) = kind else { return nil }
            return [("capacity", .size(capacity))]
        },
        Entry(name: "operation_error", parameters: ["operations", "path", "error", "skip", "count"],
              takesToxicity: true) { mapping throws(ScenarioFileError) in
            .operationError(try decodeOperationError(mapping))
        } encode: { kind in
            guard case let .operationError(failing) = kind else { return nil }
            return encodeOperationError(failing)
        },
        Entry(name: "stall", parameters: [], takesToxicity: false) { _ throws(ScenarioFileError) in
            .stall
        } encode: { kind in
            kind == .stall ? [] : nil
        },
        Entry(name: "slow_metadata", parameters: [], takesToxicity: true) { _ throws(ScenarioFileError) in
            .slowMetadata(.nfs)
        } encode: { kind in
            // The file format has one slow profile, NFS-like; a profile built in code has no text.
            kind == .slowMetadata(.nfs) ? [] : nil
        },
    ]
    static let kindNames = entries.map(\.name)
    static let commonKeys = ["name", "kind", "toxicity", "activity"]
    static let keys = commonKeys + Array(Set(entries.flatMap(\.parameters))).sorted()

    /// The errors `operation_error` can throw, by errno name.
    static let errors: [(name: String, error: SimFileSystem.InjectedError)] = [
        ("eacces", .permissionDenied), ("eio", .ioError(message: "injected I/O error")), ("enoent", .notFound),
        ("enospc", .noSpace), ("erofs", .readOnlyFileSystem),
    ]

    /// Names must differ from each other and from the network faults' `networkFaultNames`: the plan, reports and
    /// traces refer to faults by name alone. Whether the component survives a `crash` is checked with the other
    /// requirements (`UnmetRequirement`), once the whole file is read.
    static func decode(
        _ node: LocatedNode?, networkFaultNames: [String]
    ) throws(ScenarioFileError) -> [FileSystemFault] {
        guard let node else { return [] }
        var faults: [FileSystemFault] = []
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
            var toxicity = 1.0
            if let toxicityNode = mapping.value("toxicity") {
                guard entry.takesToxicity else {
                    throw toxicityNode.error("'\(kindName)' acts on the whole machine and takes no toxicity; "
                        + "use an activity to say when it happens")
                }
                toxicity = try toxicityNode.probability()
            }
            let kind = try entry.decode(mapping)
            let activity = try FaultActivityDecoder.decode(mapping.value("activity"))
            faults.append(FileSystemFault(name: name, kind: kind, toxicity: toxicity, activity: activity))
        }
        return faults
    }

    /// `operations` (a list of operation kinds, or `all`), `path` (a prefix, `/` by default), `error` (an errno
    /// name), `skip` (matches that pass first, 0 by default) and `count` (most failures; no limit by default).
    private static func decodeOperationError(
        _ mapping: LocatedMapping
    ) throws(ScenarioFileError) -> FileSystemFaultKind.FailingOperations {
        let operationsNode = try mapping.required("operations")
        var operations: Set<SimFileSystem.OperationKind> = []
        if case .scalar = operationsNode.node,
           try operationsNode.scalarText(expected: "a list of operations") == "all"
        {
            operations = Set(SimFileSystem.OperationKind.allCases)
        } else {
            let names = SimFileSystem.OperationKind.allCases.map(\.scenarioName)
            for item in try operationsNode.list(itemLabel: "operation") {
                let text = try item.scalarText(expected: "an operation name")
                guard let operation = SimFileSystem.OperationKind.allCases.first(where: { $0.scenarioName == text })
                else {
                    let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "operations")
                    throw item.error("unknown operation '\(text)'\(hint)")
                }
                operations.insert(operation)
            }
            guard !operations.isEmpty else { throw operationsNode.error("'operations' must name at least one") }
        }
        let pathNode = mapping.value("path")
        let path = try pathNode?.string() ?? "/"
        guard SimFileSystem.isMountPath(path) else {
            throw (pathNode ?? operationsNode).error("'path' must be an absolute, normalised path, got '\(path)'")
        }
        let errorNode = try mapping.required("error")
        let errorName = try errorNode.scalarText(expected: "an errno name")
        guard let error = errors.first(where: { $0.name == errorName })?.error else {
            let hint = SpellingSuggestion.hint(for: errorName, among: errors.map(\.name), listLabel: "errors")
            throw errorNode.error("unknown error '\(errorName)'\(hint)")
        }
        let skip = try mapping.value("skip")?.integer(in: 0...Int.max) ?? 0
        let count = try mapping.value("count")?.integer(in: 1...Int.max)
        return FileSystemFaultKind.FailingOperations(
            operations, pathPrefix: path, error: error, skipCount: skip, fireCountMax: count)
    }
}

extension FileSystemFaultListDecoder {
    /// `operations` as `all` or in declaration order (a set has no order of its own to write), the others at their
    /// defaults left out.
    static func encodeOperationError(_ failing: FileSystemFaultKind.FailingOperations) -> [(String, Node?)] {
        let all = SimFileSystem.OperationKind.allCases
        let operations: Node = failing.operations.count == all.count
            ? .plain("all")
            : .flowList(all.filter(failing.operations.contains).map { .plain($0.scenarioName) })
        return [
            ("operations", operations),
            ("path", failing.pathPrefix == "/" ? nil : .text(failing.pathPrefix)),
            ("error", .plain(errorName(failing.error))),
            ("skip", failing.skipCount == 0 ? nil : .integer(failing.skipCount)),
            ("count", failing.fireCountMax.map(Node.integer)),
        ]
    }

    /// The errno name of an injected error; any EIO is `eio`, whose message the file format does not carry.
    static func errorName(_ error: SimFileSystem.InjectedError) -> String {
        if case .ioError = error { return "eio" }
        return errors.first { $0.error == error }?.name ?? "eio"
    }
}

extension SimFileSystem.OperationKind {
    /// The operation's name in scenario files: `open_for_writing`, `sync_directory`, ….
    var scenarioName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
        return name
    }
}

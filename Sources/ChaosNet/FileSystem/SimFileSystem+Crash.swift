extension SimFileSystem {
    /// Models a power loss and reboot: everything not durable under its directory's model (`durability`, `mounts`) is
    /// lost.
    ///
    /// Files revert to their durable content (see `DurabilityModel`); in the strict model directories revert to
    /// their entries as of their last sync, and whatever is then unreachable is gone. Open handles become stale
    /// (their operations fail with an I/O error), operations sleeping on the clock fail when they wake, and failure
    /// rules and counters are kept: the fault plan outlives the machine.
    public func crash() {
        generation += 1
        counters.crashes += 1
        forgetResolution()
        // Recount everything from what is reachable. The walk is depth first by sorted names so that, in the strict
        // model, an inode durably named in two directories (a rename whose two sides were synced apart) keeps the
        // name met first in that order and loses the other, the same way in every run.
        var reached: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var directories = [root]
        usedBytes = 0
        inodeCount = 1
        openHandleCount = 0
        while let directory = directories.popLast() {
            if directory.hasStrictEntries { directory.children = directory.durableChildren }
            var subdirectories: [SimInode] = []
            for name in directory.sortedChildNames {
                guard let child = directory.children[name] else { continue }
                guard reached.insert(ObjectIdentifier(child)).inserted else {
                    directory.children[name] = nil
                    directory.durableChildren[name] = nil
                    continue
                }
                child.linkCount = 1
                child.openHandleCount = 0
                inodeCount += 1
                switch child.kind {
                case .file:
                    child.content = child.content.prefix(child.durableCount)
                    child.needsCommit = false
                    child.unflushedBytes = 0
                    child.clientCachedCount = 0
                    usedBytes += child.content.count
                case .directory:
                    subdirectories.append(child)
                case .symlink, .other:
                    break
                }
            }
            directories.append(contentsOf: subdirectories.reversed())
        }
    }

    /// Makes the current state entirely durable, as if every file and directory had been synced: the end of a
    /// scenario's setup phase. Costs no time and counts nothing.
    public func checkpoint() {
        var directories = [root]
        while let directory = directories.popLast() {
            makeEntriesDurable(directory)
            for name in directory.sortedChildNames {
                guard let child = directory.children[name] else { continue }
                switch child.kind {
                case .file: child.durableCount = child.content.count
                case .directory: directories.append(child)
                case .symlink, .other: break
                }
            }
        }
    }
}

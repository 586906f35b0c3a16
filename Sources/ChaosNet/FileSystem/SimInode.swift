/// One file, directory or symlink of a `SimFileSystem`: the object a directory entry names.
///
/// A class so that directory entries, open handles and the resolver can share it; only `SimFileSystem` mutates it.
final class SimInode {
    /// Issued in creation order; used only to tell inodes apart in assertions and never to order anything.
    let number: Int
    let kind: FileKind
    var mode: UInt16
    var ownerID: UInt32
    var groupID: UInt32
    /// The process whose permissions the checks below evaluate (the file system's).
    let identity: SimProcessIdentity

    /// The number of directory entries naming it (0 or 1 for files and symlinks: there are no hard links).
    var linkCount = 0
    /// The number of open write handles; an unlinked file keeps its space until the last one closes, as in POSIX.
    var openHandleCount = 0

    /// File content as readers see it now.
    var content = FileContent()
    /// How much of `content` survives a crash: the length the last sync saw, cut by any later truncation. A length,
    /// not a copy, because content only grows between truncations, so what survives is always a prefix of it; a
    /// copy would share the content's buffer and make the next append recopy the whole file.
    var durableCount = 0
    /// Seconds since the epoch; set only by `setModificationTime`, so that no snapshot depends on timing.
    var modificationTime: Int64 = 0

    /// NFS: whether data was written since the last COMMIT, so that a close or SETATTR must send one.
    var needsCommit = false
    /// NFS: the written data the server has not yet made stable, which the next COMMIT drains.
    var unflushedBytes = 0
    /// NFS: how much of the file, from its start, the client's page cache holds, so that reading it needs no READ:
    /// what this client wrote, and what it read in order from the start (the access patterns of copies and tar).
    var clientCachedCount = 0

    /// Directory entries, name → inode. Only ever looked up by name or read after sorting the names.
    var children: [String: SimInode] = [:]
    /// Directory entries as of the last `syncDirectory`, used only in the strict durability model.
    var durableChildren: [String: SimInode] = [:]
    /// Whether this directory's entries follow the strict durability model (from its mount, or its parent's).
    var hasStrictEntries = false

    /// The symlink's target, verbatim.
    var target = ""

    init(number: Int, kind: FileKind, mode: UInt16, identity: SimProcessIdentity) {
        precondition(kind != .other, "the simulated file system has no special files")
        self.number = number
        self.kind = kind
        self.mode = mode
        self.identity = identity
        ownerID = identity.userID
        groupID = identity.primaryGroupID
    }

    /// The permission bits that apply to the simulated process, as the kernel picks them: the owner's if it owns the
    /// entry, else the group's if it is in the entry's group, else the others'. Root gets everything.
    var effectivePermissions: UInt16 {
        if identity.isRoot { return 0o7 }
        if ownerID == identity.userID { return (mode >> 6) & 0o7 }
        if identity.groupIDs.contains(groupID) { return (mode >> 3) & 0o7 }
        return mode & 0o7
    }

    /// Whether the process may change the entry's mode, times or owner: its owner, or root.
    var isOwnedByProcess: Bool { identity.isRoot || ownerID == identity.userID }

    var canRead: Bool { effectivePermissions & 0o4 != 0 }
    var canWrite: Bool { effectivePermissions & 0o2 != 0 }
    var canSearch: Bool { effectivePermissions & 0o1 != 0 }

    /// Entry names sorted by bytes: the only way the file system ever walks a directory.
    var sortedChildNames: [String] {
        children.keys.sorted(by: FileSystemPath.precedesByBytes)
    }

    var attributes: FileAttributes {
        switch kind {
        case .file:
            FileAttributes(
                kind: .file, size: content.count, mode: mode, modificationTime: modificationTime, ownerID: ownerID,
                groupID: groupID)
        case .directory:
            FileAttributes(
                kind: .directory, size: 0, mode: mode, modificationTime: modificationTime, ownerID: ownerID,
                groupID: groupID)
        case .symlink:
            FileAttributes(
                kind: .symlink, size: target.utf8.count, mode: mode, modificationTime: modificationTime,
                ownerID: ownerID, groupID: groupID)
        case .other:
            FileAttributes(
                kind: .other, size: 0, mode: mode, modificationTime: modificationTime, ownerID: ownerID,
                groupID: groupID)
        }
    }
}

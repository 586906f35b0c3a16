extension SimFileSystem {
    /// The last successful walk and what it depended on, so that a lookup of the same components can reuse it.
    ///
    /// A walk's result depends on the entries of the directories it passed, the search permissions of those
    /// directories for the process, and symlink targets (fixed at creation). So the memo is dropped by every unlink
    /// and rename, by a crash, and by a change of a directory's mode or owner; a change of the process's identity
    /// shows in `identityRevision`. A new entry (`link`) cannot change a walk that succeeded through existing names;
    /// it only fills in a remembered lookup of that very missing name (`noteLinked`).
    struct ResolutionMemo {
        /// Keyed by components, not by path: `mkdir -p` resolves each prefix under the full path's name.
        var components: [String]
        var followFinal: Bool
        var finalIsSymlink: Bool
        var searchable: Bool
        var identityRevision: Int
        var resolution: Resolution

        func serves(
            _ components: [String], followFinal: Bool, checkPermissions: Bool, identityRevision: Int
        ) -> Bool {
            (followFinal == self.followFinal || !finalIsSymlink) && (searchable || !checkPermissions)
                && identityRevision == self.identityRevision && components == self.components
        }
    }

    /// Drops the remembered walk: something it may depend on changed.
    func forgetResolution() {
        resolutionMemo = nil
    }

    /// `inode` was just linked into `directory` as `name`: a remembered lookup of that missing name now finds it.
    func noteLinked(_ inode: SimInode, into directory: SimInode, as name: String) {
        guard var memo = resolutionMemo, memo.resolution.node == nil else { return }
        guard memo.resolution.name == name, memo.resolution.directories.last === directory else { return }
        if inode.kind == .symlink {
            // A followed final symlink would lead elsewhere; an unfollowed one is the entry itself.
            guard !memo.followFinal else { return forgetResolution() }
            memo.finalIsSymlink = true
        }
        memo.resolution.node = inode
        resolutionMemo = memo
    }
}

extension SimFileSystem {
    /// Where a path leads: the directories walked to reach its final entry, the entry's name and the entry itself.
    struct Resolution {
        /// The directories from the root to the one holding the final entry (last). Empty for the root itself.
        var directories: [SimInode]
        /// The final entry's name; nil when the path resolves to the root, or (through a symlink target ending in
        /// `..`) to a directory reached without a name.
        var name: String?
        /// The final entry; nil when the name does not exist in its directory.
        var node: SimInode?

        /// The directory holding the final entry.
        var parent: SimInode {
            guard let parent = directories.last else { preconditionFailure("the root has no parent") }
            return parent
        }
    }

    /// Walks `components` from the root. Symlinks met on the way are followed (targets resolved physically: a `..`
    /// in a target goes to the parent of the directory actually reached); the final one only with `followFinal`.
    ///
    /// Errors name `path`, the path the caller asked for, as the kernel's callers report it.
    ///
    /// The last walk that succeeded is remembered (`ResolutionMemo`): an operation looks its path up for its bill,
    /// then again for itself, and a tool then stats, chowns and chmods what it just created, so that most lookups
    /// repeat the one before. The memo is dropped by whatever could change a walk's result.
    func resolve(
        _ path: String, components: [String], followFinal: Bool, checkPermissions: Bool = true
    ) throws(FileSystemError) -> Resolution {
        if let memo = resolutionMemo, memo.serves(components, followFinal: followFinal,
            checkPermissions: checkPermissions, identityRevision: identity.revision)
        {
            return memo.resolution
        }
        let walked = try walk(
            path, components: components, followFinal: followFinal, checkPermissions: checkPermissions)
        resolutionMemo = ResolutionMemo(
            components: components, followFinal: followFinal, finalIsSymlink: walked.finalIsSymlink,
            searchable: walked.searchable, identityRevision: identity.revision, resolution: walked.resolution)
        return walked.resolution
    }

    /// One walk, with what decides which later lookups may reuse it.
    private struct Walk {
        var resolution: Resolution
        /// Whether a symlink was met as a final component (followed or not): only a lookup with the same
        /// `followFinal` may reuse the walk then.
        var finalIsSymlink: Bool
        /// Whether every directory searched let the process search it: only then may a checked lookup reuse an
        /// unchecked walk.
        var searchable: Bool
    }

    private func walk(
        _ path: String, components: [String], followFinal: Bool, checkPermissions: Bool
    ) throws(FileSystemError) -> Walk {
        var finalIsSymlink = false
        var searchable = true
        func result(_ resolution: Resolution) -> Walk {
            Walk(resolution: resolution, finalIsSymlink: finalIsSymlink, searchable: searchable)
        }
        var stack: [SimInode] = [root]
        stack.reserveCapacity(components.count + 1)
        // The names still to walk, from `next` on; a symlink's target replaces the walked prefix. No copy is made
        // until a symlink is met, since most lookups meet none.
        var names = components
        var next = 0
        var followed = 0
        while next < names.count {
            let name = names[next]
            next += 1
            if name == "." { continue }
            if name == ".." {
                if stack.count > 1 { stack.removeLast() }
                continue
            }
            let directory = stack[stack.count - 1]
            if !directory.canSearch {
                if checkPermissions { throw .permissionDenied(path: path) }
                searchable = false
            }
            let isFinal = next == names.count
            guard let child = directory.children[name] else {
                if isFinal { return result(Resolution(directories: stack, name: name, node: nil)) }
                throw .notFound(path: path)
            }
            if isFinal, child.kind == .symlink { finalIsSymlink = true }
            if isFinal, !followFinal || child.kind != .symlink {
                return result(Resolution(directories: stack, name: name, node: child))
            }
            switch child.kind {
            case .directory:
                stack.append(child)
            case .symlink:
                followed += 1
                guard followed <= symlinkFollowMax else { throw .tooManySymlinks(path: path) }
                if child.target.hasPrefix("/") { stack.removeSubrange(1...) }
                let targetComponents = child.target.split(separator: "/", omittingEmptySubsequences: true)
                names = targetComponents.map(String.init) + names[next...]
                next = 0
            case .file, .other:
                throw .notADirectory(path: path)
            }
        }
        // The components ran out on a directory: the root, or a symlink target ending in `/`, `.` or `..`.
        let node = stack.removeLast()
        return result(Resolution(directories: stack, name: nil, node: node))
    }

    /// Resolves `components` and requires an existing entry.
    func resolveExisting(
        _ path: String, components: [String], followFinal: Bool
    ) throws(FileSystemError) -> SimInode {
        guard let node = try resolve(path, components: components, followFinal: followFinal).node else {
            throw .notFound(path: path)
        }
        return node
    }
}

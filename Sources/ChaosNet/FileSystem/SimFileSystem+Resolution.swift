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
    func resolve(
        _ path: String, components: [String], followFinal: Bool, checkPermissions: Bool = true
    ) throws(FileSystemError) -> Resolution {
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
            if checkPermissions, !directory.canSearch { throw .permissionDenied(path: path) }
            let isFinal = next == names.count
            guard let child = directory.children[name] else {
                if isFinal { return Resolution(directories: stack, name: name, node: nil) }
                throw .notFound(path: path)
            }
            if isFinal, !followFinal || child.kind != .symlink {
                return Resolution(directories: stack, name: name, node: child)
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
        return Resolution(directories: stack, name: nil, node: node)
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

extension SimFileSystem {
    /// A power loss at one operation that changes the disk, for crash-consistency checks in the manner of ALICE:
    /// when the `operation`-th such operation (1-based, counted by `diskChangingOperationCount`) is about to take
    /// effect, the machine loses power instead. The disk is then exactly as the earlier operations left it under the
    /// durability model, the operation fails with an I/O error, and `onCrash` runs (so that the simulation can stop
    /// the component's process). Fires once.
    public struct CrashPoint {
        public var operation: Int
        public var onCrash: (_ operation: String) -> Void

        public init(operation: Int, onCrash: @escaping (_ operation: String) -> Void) {
            precondition(operation >= 1, "crash points count from 1")
            self.operation = operation
            self.onCrash = onCrash
        }
    }

    /// Counts every operation that changes the disk and, at the crash point, loses power. Called where each
    /// operation asks the fault plan about itself, before it has any effect.
    func passDiskChange(_ kind: OperationKind, paths: [String]) throws(FileSystemError) {
        guard kind.changesDisk else { return }
        diskChangingOperationCount += 1
        guard let point = crashPoint, point.operation == diskChangingOperationCount else { return }
        crashPoint = nil
        let operation = "\(kind) \(paths.joined(separator: " → "))"
        crash()
        point.onCrash(operation)
        throw .ioError(path: paths[0], message: "power lost at crash point \(point.operation) (\(operation))")
    }
}

extension SimFileSystem.OperationKind {
    /// Whether the operation can change what is on the disk, and so what a crash leaves: creating, opening for
    /// writing (which creates or truncates), writing, syncing, linking a symlink, removing, renaming.
    public var changesDisk: Bool {
        switch self {
        case .createDirectory, .openForWriting, .write, .sync, .createSymlink, .remove, .rename, .syncDirectory: true
        case .read, .close, .readSymlink, .attributes, .setPermissions, .setModificationTime, .listDirectory: false
        }
    }
}

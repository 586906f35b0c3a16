import ChaosCore

/// The wording of the GNU tools' messages, so that logs read like a real job's.
enum FileToolMessages {
    /// `strerror(3)` of the error's errno, as glibc spells it.
    static func text(of error: FileSystemError) -> String {
        switch error {
        case .notFound: "No such file or directory"
        case .alreadyExists: "File exists"
        case .notADirectory: "Not a directory"
        case .isADirectory: "Is a directory"
        case .directoryNotEmpty: "Directory not empty"
        case .noSpace: "No space left on device"
        case .permissionDenied: "Permission denied"
        case .tooManySymlinks: "Too many levels of symbolic links"
        case .invalidPath: "Invalid argument"
        case .readOnlyFileSystem: "Read-only file system"
        case .ioError: "Input/output error"
        }
    }

    /// The errno number rsync prints after its message.
    static func number(of error: FileSystemError) -> Int {
        switch error {
        case .notFound: 2
        case .ioError: 5
        case .permissionDenied: 13
        case .alreadyExists: 17
        case .notADirectory: 20
        case .isADirectory: 21
        case .invalidPath: 22
        case .noSpace: 28
        case .readOnlyFileSystem: 30
        case .directoryNotEmpty: 39
        case .tooManySymlinks: 40
        }
    }
}

import ChaosCore
import ChaosTar

extension IPFSDownloader {
    /// Maps any failure of an attempt to a `DownloadError`: network trouble and truncation are transient; bad
    /// content, unsafe paths and local disk errors are hard (a full disk needs an operator, not a retry storm).
    static func classify(_ error: any Error) -> DownloadError {
        switch error {
        case let error as DownloadError:
            return error
        case let error as HTTPClientError:
            return DownloadError(kind: error.isTransient ? .transient : .hard, reason: .network, details: "\(error)",
                cause: error.name)
        case let error as HTTPStatusError:
            let transient = error.status == 429 || (500...599).contains(error.status)
            return DownloadError(
                kind: transient ? .transient : .hard, reason: .httpStatus, details: "\(error)", status: error.status)
        case let error as TarReadError:
            switch error {
            case .truncatedData, .truncatedHeader, .truncatedPadding:
                return DownloadError(kind: .transient, reason: .truncatedArchive, details: "\(error)")
            default:
                return DownloadError(kind: .hard, reason: .invalidArchive, details: "\(error)")
            }
        case let error as TarExtractor.UnsafePath:
            return DownloadError(kind: .hard, reason: .unsafePath, details: "\(error)")
        case let error as FileSystemError:
            return DownloadError(kind: .hard, reason: .fileSystem, details: "\(error)")
        default:
            return DownloadError(kind: .hard, reason: .invalidArchive, details: "\(error)")
        }
    }
}

/// Whether a failed download may be retried: SOFT failures are (within the attempt limit), HARD ones never are by the
/// robust queue.
public enum DownloadFailureType: String, Sendable, Equatable, Hashable {
    case soft = "SOFT"
    case hard = "HARD"
}

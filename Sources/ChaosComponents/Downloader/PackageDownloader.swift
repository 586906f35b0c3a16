/// Fetches an IPFS package and extracts it into a directory of a `FileSystem`.
public protocol PackageDownloader: AnyObject, Sendable {
    /// Downloads the package `cid` and extracts its content (the root directory's entries) into `target`.
    func download(cid: String, into target: String) async throws
}

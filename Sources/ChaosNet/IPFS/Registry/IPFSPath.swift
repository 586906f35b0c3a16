/// A content path, `<cid>[/name…]`, as the RPC `arg` and the gateway's `/ipfs/…` carry it.
public struct IPFSPath: Hashable, Sendable, CustomStringConvertible {
    /// The longest path text accepted, so a hostile argument cannot make resolution or error messages large.
    public static let textLengthMax = 4_096

    /// The root CID.
    public let root: CID
    /// The names to follow from the root, in order; empty for the root itself.
    public let components: [String]
    /// The text it was parsed from, as given.
    public let text: String

    /// Parses `Qm…/a/b`, `/ipfs/Qm…/a/b`, and CIDv1 roots in base32, base16 or base58btc. Empty components (doubled
    /// or trailing slashes) are dropped, as Kubo's path cleaning does; `.` and `..` are refused.
    public init(_ text: String) throws(IPFSDAGError) {
        guard text.utf8.count <= Self.textLengthMax else {
            throw .invalidPath(text, reason: "longer than \(Self.textLengthMax) bytes")
        }
        var rest = Substring(text)
        if rest.hasPrefix("/ipfs/") {
            rest = rest.dropFirst("/ipfs/".count)
        } else if rest.hasPrefix("/") {
            throw .invalidPath(text, reason: "only /ipfs/ paths are supported")
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = parts.first else {
            throw .invalidPath(text, reason: "path does not begin with a CID")
        }
        do {
            root = try CID(first)
        } catch {
            throw .invalidPath(text, reason: "\(error)")
        }
        components = parts.dropFirst().map(String.init)
        if let bad = components.first(where: { $0 == "." || $0 == ".." }) {
            throw .invalidPath(text, reason: "component \"\(bad)\" is not allowed")
        }
        self.text = text
    }

    /// The text without a leading `/ipfs/` and without trailing slashes: how `get` names the archive's root entry.
    public var archiveRootName: String {
        var name = Substring(text)
        if name.hasPrefix("/ipfs/") { name = name.dropFirst("/ipfs/".count) }
        while name.hasSuffix("/") { name = name.dropLast() }
        return String(name)
    }

    public var description: String { text }
}

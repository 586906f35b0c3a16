/// Why content could not be added: a refused entry, bad flags, a bad upload, or a full store.
public enum IPFSAddError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An entry (at `path` inside the added tree; empty for the root) was refused by the directory builder.
    case entry(path: String, UnixFSEntryError)
    /// The `cid-version`, `raw-leaves` or `chunker` flags do not make valid import options.
    case options(UnixFSImportOptionsError)
    /// The multipart body could not be parsed.
    case multipart(MultipartError)
    /// A part's file name is not a usable relative path.
    case invalidPath(String, reason: String)
    /// A part names a path inside a directory that no earlier part declared.
    case missingParent(path: String, parent: String)
    /// Two parts name the same path.
    case duplicatePath(String)
    /// The upload contains no file part.
    case noFiles
    /// A flag asks for something this registry does not implement.
    case unsupported(String)
    /// The block store refused a block.
    case store(IPFSBlockStoreError)

    /// Whether the client caused the error (HTTP 400) rather than the server (500).
    public var isClientError: Bool {
        if case .store = self { return false }
        return true
    }

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case let .entry(path, error):
            return path.isEmpty ? "\(error)" : "\"\(path)\": \(error)"
        case let .options(error):
            return "\(error)"
        case let .multipart(error):
            return "\(error)"
        case let .invalidPath(path, reason):
            return "invalid file name \"\(path.prefix(200))\": \(reason)"
        case let .missingParent(path, parent):
            return "\"\(path)\" is inside directory \"\(parent)\", which no earlier part declared"
                + " (send an application/x-directory part for it first)"
        case let .duplicatePath(path):
            return "more than one part is named \"\(path)\""
        case .noFiles:
            return "the upload contains no files; expected multipart/form-data parts named \"file\""
        case let .unsupported(what):
            return what
        case let .store(error):
            return "\(error)"
        }
    }
}

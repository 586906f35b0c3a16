/// What `TarPathSafety` concluded about a path or link target.
public enum TarPathVerdict: Hashable, Sendable {
    /// The path stays inside the extraction root; `components` is its normalised form
    /// (no empty, `.` or `..` components), empty for the root itself.
    case safe(components: [String])
    /// The path is empty.
    case empty
    /// The path starts with `/`.
    case absolute
    /// A `..` component leads out of the extraction root.
    case escaping
    /// The path contains a NUL byte, which no file system can represent.
    case containsNUL
}

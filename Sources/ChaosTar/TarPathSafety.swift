/// Classifies archive paths and symlink targets for extractors, which must refuse anything not `.safe`.
///
/// The checks are lexical. `..` is resolved against the components before it, so `a/../b` is safe and
/// means `b`; that is only sound when the extractor also refuses to write through symlinks it created,
/// which is why link targets are checked too.
public enum TarPathSafety {
    /// Classifies a member path relative to the extraction root, dropping `./` prefixes and empty components.
    public static func classify(path: String) -> TarPathVerdict {
        resolve(path, from: [])
    }

    /// Classifies a symlink target as seen from the directory that contains the link at `linkPath`.
    ///
    /// A link whose own path is unsafe gets that path's verdict. For a safe link the verdict tells
    /// whether following the target stays inside the extraction root.
    public static func classify(linkTarget: String, linkPath: String) -> TarPathVerdict {
        let linkVerdict = classify(path: linkPath)
        guard case .safe(let linkComponents) = linkVerdict else {
            return linkVerdict
        }
        // A link that is the root itself has no containing directory inside the root.
        guard !linkComponents.isEmpty else {
            return .escaping
        }
        return resolve(linkTarget, from: Array(linkComponents.dropLast()))
    }

    private static func resolve(_ path: String, from base: [String]) -> TarPathVerdict {
        if path.isEmpty {
            return .empty
        }
        if path.utf8.contains(0) {
            return .containsNUL
        }
        if path.utf8.first == UInt8(ascii: "/") {
            return .absolute
        }
        // Split bytes, not Characters: a combining mark after "/" forms one grapheme with it, and
        // Character splitting would then hide a ".." component that the file system still sees.
        var components = base
        for component in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if component.elementsEqual(".".utf8) {
                continue
            }
            if component.elementsEqual("..".utf8) {
                if components.isEmpty {
                    return .escaping
                }
                components.removeLast()
                continue
            }
            // Slices at ASCII "/" boundaries of valid UTF-8 are themselves valid UTF-8.
            components.append(String(decoding: component, as: UTF8.self))
        }
        return .safe(components: components)
    }
}

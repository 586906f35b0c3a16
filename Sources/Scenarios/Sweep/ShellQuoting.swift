/// Quoting for POSIX shells, so that a replay command copied from a report runs as printed even when a path holds
/// spaces, quotes or other characters the shell would interpret.
public enum ShellQuoting {
    /// Characters that never need quoting. Anything else puts the word in single quotes.
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+=:,@%")

    /// `word` as one POSIX shell word: unchanged when it is made of safe characters only, otherwise single-quoted
    /// with each `'` written as `'\''` (single quotes cannot be escaped inside single quotes).
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// What one `mkdir` step of `createDirectory` does when the name already exists; shared by both implementations so
/// that `mkdir -p` fails the same way on each.
package enum ExistingDirectoryPolicy {
    /// Plain `mkdir`: `alreadyExists`.
    case fail
    /// The last component of `mkdir -p`: fine if it is (or links to) a directory, else `alreadyExists`.
    case acceptDirectory
    /// An intermediate component of `mkdir -p`: fine if it is (or links to) a directory, else `notADirectory`.
    case acceptDirectoryElseNotADirectory
}

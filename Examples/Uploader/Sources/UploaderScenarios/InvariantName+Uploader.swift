import Scenarios

extension InvariantName {
    /// Every object the index names is in the store, with the size the index gives.
    public static let noPhantomIndexEntries: InvariantName = "no_phantom_index_entries"
    /// The index file parses.
    public static let indexReadable: InvariantName = "index_readable"
}

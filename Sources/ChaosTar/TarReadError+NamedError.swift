import ChaosCore

extension TarReadError: NamedError {
    /// One name for every way an archive can be bad; the case and offset belong in the detail.
    public var causeName: String { "invalid_archive" }
}

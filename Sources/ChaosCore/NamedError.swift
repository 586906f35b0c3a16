/// An error that names its cause with a short, stable word (`read_timeout`, `file_system`), the same whatever the
/// details: failure signatures group seeds by it, so it must not carry ids, paths or times.
public protocol NamedError: Error {
    var causeName: String { get }
}

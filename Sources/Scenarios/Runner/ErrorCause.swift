import ChaosNet

/// A short stable name for an error a component let out or gave as its cause, for failure signatures: the error's own
/// `NamedError.causeName` when it has one (every core and component error does), else its type's name.
public enum ErrorCause {
    public static func name(of error: any Error) -> String {
        (error as? any NamedError)?.causeName ?? String(describing: type(of: error))
    }
}

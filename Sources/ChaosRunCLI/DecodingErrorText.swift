/// A `DecodingError` in words, with the path to the offending value ("at variants[2].first_runs: …"), for errors
/// about JSON files a user hands in.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(type, context):
            return "\(at(context))expected \(type): \(context.debugDescription)"
        case let .valueNotFound(type, context):
            return "\(at(context))expected a \(type) value, found null or nothing"
        case let .keyNotFound(key, context):
            return "\(at(context))the key '\(key.stringValue)' is missing"
        case let .dataCorrupted(context):
            return "\(at(context))\(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        guard !context.codingPath.isEmpty else { return "" }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "at \(path): "
    }
}

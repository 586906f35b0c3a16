/// The query string of an RPC request: repeated `arg`s and options, decoded as Go's `url.ParseQuery` decodes them.
struct IPFSRPCQuery: Sendable {
    /// Decoded name/value pairs in order.
    let items: [(name: String, value: String)]

    /// The most query items accepted, so a hostile query cannot make the registry do unbounded work.
    static let itemCountMax = 1_000

    /// Parses `a=1&arg=x&arg=y`; a malformed escape is a bad request.
    init(_ query: Substring) throws(IPFSRPCError) {
        var items: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard items.count < Self.itemCountMax else {
                throw .badRequest("more than \(Self.itemCountMax) query parameters")
            }
            let (rawName, rawValue) =
                pair.firstIndex(of: "=").map { (pair[..<$0], pair[pair.index(after: $0)...]) } ?? (pair, "")
            guard let name = PercentDecoding.decode(rawName, plusAsSpace: true),
                  let value = PercentDecoding.decode(rawValue, plusAsSpace: true)
            else {
                throw .badRequest("invalid URL escape in query parameter \"\(pair.prefix(100))\"")
            }
            items.append((name, value))
        }
        self.items = items
    }

    /// Every value of `name`, in order (the `arg`s).
    func values(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// The first value of the option under any of `names` (its long name and aliases).
    func string(_ names: String...) -> String? {
        items.first { names.contains($0.name) }?.value
    }

    /// A boolean option as Go's `strconv.ParseBool` reads it; nil when absent.
    func bool(_ names: String...) throws(IPFSRPCError) -> Bool? {
        guard let item = items.first(where: { names.contains($0.name) }) else { return nil }
        switch item.value {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default:
            throw .badRequest("invalid value \"\(item.value.prefix(100))\" for option \"\(item.name)\": expected true"
                + " or false")
        }
    }

    /// A non-negative integer option; nil when absent.
    func count(_ name: String) throws(IPFSRPCError) -> UInt64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text) else {
            throw .badRequest("invalid value \"\(text.prefix(100))\" for option \"\(name)\": expected an integer")
        }
        guard value >= 0 else { throw .badRequest("cannot specify negative \(name)") }
        return UInt64(value)
    }

    /// The `arg`s, at least one; a missing one is reported under the command's argument name, as go-ipfs-cmds does.
    func requiredArguments(_ argumentName: String) throws(IPFSRPCError) -> [String] {
        let arguments = values("arg")
        guard !arguments.isEmpty else { throw .badRequest("argument \"\(argumentName)\" is required") }
        return arguments
    }
}

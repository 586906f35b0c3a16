extension Endpoint {
    /// The endpoint a request's authority names: `host` or `host:port` (port 80 when omitted). Simulated and real
    /// clients parse it here, so that both refuse the same authorities with the same error.
    ///
    /// Throws `HTTPClientError.invalidRequest` for a missing or empty authority, an empty host, more than one colon
    /// (bracketed IPv6 literals are not supported) or a port outside 1...65535.
    public init(authority: String?) throws(HTTPClientError) {
        guard let authority, !authority.isEmpty else {
            throw .invalidRequest("the request has no authority (host[:port])")
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else {
            throw .invalidRequest("bad authority \(authority)")
        }
        guard parts.count == 2 else {
            self.init(host: String(parts[0]), port: 80)
            return
        }
        guard let port = Int(parts[1]), (1...65_535).contains(port) else {
            throw .invalidRequest("bad port in authority \(authority)")
        }
        self.init(host: String(parts[0]), port: port)
    }
}

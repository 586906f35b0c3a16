import HTTPTypes

// The header fields of Kubo's RPC replies and gateway responses. The force-unwraps are of literal, valid field names.
extension HTTPField.Name {
    /// The trailer in which Kubo reports an error that happened after the reply began.
    public static let ipfsStreamError = HTTPField.Name("X-Stream-Error")!
    /// Marks a byte-stream reply (`get`, `cat`).
    public static let ipfsStreamOutput = HTTPField.Name("X-Stream-Output")!
    /// Marks an NDJSON reply (`add`, `ls`).
    public static let ipfsChunkedOutput = HTTPField.Name("X-Chunked-Output")!
    /// The announced size of a byte stream: the UnixFS size, not the length of the bytes sent.
    public static let ipfsContentLength = HTTPField.Name("X-Content-Length")!
    /// The content path a gateway response serves.
    public static let ipfsPath = HTTPField.Name("X-Ipfs-Path")!
}

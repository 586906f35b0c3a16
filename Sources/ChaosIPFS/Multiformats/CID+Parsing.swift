extension CID {
    /// The longest CID string accepted; a sha2-256 CIDv1 in base16 is 73 characters.
    public static let stringLengthMax = 128

    /// The length of a CIDv0 string, which is always base58btc of 34 bytes starting `Qm`.
    static let v0StringLength = 46

    /// Parses `Qm…` (v0), `b…` (base32 v1), `f…` (base16 v1) or `z…` (base58btc v1).
    public init(_ text: some StringProtocol) throws(MultiformatError) {
        guard !text.isEmpty else {
            throw .empty(what: "CID text")
        }
        let length = text.utf8.count
        guard length <= Self.stringLengthMax else {
            throw .tooLong(what: "CID text", length: length, lengthMax: Self.stringLengthMax)
        }
        if length == Self.v0StringLength, text.hasPrefix("Qm") {
            try self.init(v0Bytes: Base58.decode(text))
            return
        }
        let (_, bytes) = try Multibase.decode(text)
        if bytes.first == UInt8(Multihash.sha256Code) {
            throw .multibaseEncodedCIDv0
        }
        try self.init(bytes: bytes)
    }

    /// Parses a binary CID: 34 bytes `12 20 …` are a v0, anything else must be a complete v1.
    public init(bytes: some Collection<UInt8>) throws(MultiformatError) {
        let input = Array(bytes)
        guard !input.isEmpty else {
            throw .empty(what: "binary CID")
        }
        guard input.count <= Self.stringLengthMax else {
            throw .tooLong(what: "binary CID", length: input.count, lengthMax: Self.stringLengthMax)
        }
        if input[0] == UInt8(Multihash.sha256Code) {
            try self.init(v0Bytes: input)
            return
        }
        var offset = 0
        let version = try UnsignedVarint.decode(input, at: &offset)
        guard version == 1 else {
            throw .unsupportedCIDVersion(version: version, offset: 0)
        }
        let codecOffset = offset
        let code = try UnsignedVarint.decode(input, at: &offset)
        guard let codec = Codec(rawValue: code) else {
            throw .unsupportedCodec(code: code, offset: codecOffset)
        }
        let multihash = try Multihash.decode(input, at: &offset)
        guard offset == input.count else {
            throw .trailingBytes(offset: offset)
        }
        self.init(version: .v1, codec: codec, multihash: multihash)
    }

    /// Parses a bare multihash as a CIDv0, requiring that nothing follows it.
    private init(v0Bytes bytes: [UInt8]) throws(MultiformatError) {
        var offset = 0
        let multihash = try Multihash.decode(bytes, at: &offset)
        guard offset == bytes.count else {
            throw .trailingBytes(offset: offset)
        }
        self.init(version: .v0, codec: .dagPB, multihash: multihash)
    }
}

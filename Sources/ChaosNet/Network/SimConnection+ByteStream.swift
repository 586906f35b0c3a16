extension SimConnection: ByteStream {
    /// `ByteStream`'s read: with a `timeout`, an idle timeout measured on the simulation's clock.
    public func read(maxLength: Int, timeout: Duration?) async throws -> ArraySlice<UInt8>? {
        guard let timeout else { return try await read(maxLength: maxLength, deadline: nil) }
        return try await read(maxLength: maxLength, timeout: timeout)
    }
}

extension SimListener: ByteStreamListener {}

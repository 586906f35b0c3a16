import ChaosCore
import HTTPTypes

/// Where batch reports go: `track(batch:)` asks the tracker to fetch the batch back and consolidate it.
public protocol EgressTracker: Sendable {
    /// Returns once the tracker has consolidated the batch (again, for a batch it already has: reports are
    /// idempotent by batch CID); throws when it did not.
    func track(batch: String) async throws
}

/// The tracker over HTTP: `POST /track` with `{"batch": CID, "endpoint": URL}`, where the tracker fetches the batch
/// from `endpoint`; any answer but 200 is a failure.
public struct HTTPEgressTracker: EgressTracker {
    public let client: any HTTPClient
    /// The tracker's `host:port`.
    public let trackerAuthority: String
    /// The node's public base URL, from which the tracker fetches `receipts/{cid}`.
    public let publicURL: String
    public let timeouts: HTTPTimeouts

    public init(client: any HTTPClient, trackerAuthority: String, publicURL: String, timeouts: HTTPTimeouts) {
        self.client = client
        self.trackerAuthority = trackerAuthority
        self.publicURL = publicURL
        self.timeouts = timeouts
    }

    public func track(batch: String) async throws {
        var head = HTTPRequest(method: .post, scheme: "http", authority: trackerAuthority, path: "/track")
        head.headerFields[.contentType] = "application/json"
        let body = "{\"batch\":\"\(batch)\",\"endpoint\":\"\(publicURL)/receipts/\(batch)\"}"
        let response = try await client.execute(head, body: .bytes(Array(body.utf8)), timeouts: timeouts)
        let text = try await response.body.collect(upTo: 64 << 10)
        guard response.head.status.code == 200 else {
            throw HTTPStatusError(status: response.head.status.code, body: String(decoding: text, as: UTF8.self))
        }
    }
}

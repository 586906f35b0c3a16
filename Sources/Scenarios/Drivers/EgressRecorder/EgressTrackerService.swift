import ChaosComponents
import ChaosNet
import Foundation
import HTTPTypes

/// The egress tracker of an egress world: `POST /track {"batch", "endpoint"}` fetches the batch back from the node,
/// checks that it parses as a CAR whose CID is the sha256 of its bytes, and consolidates it once: a batch reported
/// again is acknowledged and not counted again (reports are idempotent by batch CID).
///
/// Not thread-safe: use on the simulation's thread.
final class EgressTrackerService: @unchecked Sendable {
    static let host = "etracker"
    static let port = 8080
    static var authority: String { "\(host):\(port)" }

    /// Receipts by invocation id, from every consolidated batch.
    private(set) var receiptCounts: [String: Int] = [:]
    /// Consolidations per batch CID (more than one would be a double count).
    private(set) var batchCounts: [String: Int] = [:]
    /// Reports of batches it had already consolidated.
    private(set) var repeatedReports = 0
    /// Batches refused: unparsable, or named by a CID that is not their hash.
    private(set) var rejected: [String: String] = [:]
    private var server: SimHTTPServer?

    init(network: SimNetwork) throws {
        let client = SimHTTPClient(network: network, host: Self.host)
        server = try SimHTTPServer(network: network, host: Self.host, port: Self.port) { [unowned self] request in
            await self.handle(request, client: client)
        }
    }

    func start() { server?.start() }
    func stop() { server?.stop() }

    private func handle(_ request: HTTPServerRequest, client: SimHTTPClient) async -> HTTPServerResponse {
        guard request.head.method == .post, request.head.path == "/track" else {
            return .text(.notFound, "no such endpoint\n")
        }
        guard let body = try? await request.body.collect(upTo: 64 << 10),
              let report = try? JSONDecoder().decode(TrackReport.self, from: Data(body)),
              let url = URL(string: report.endpoint), let host = url.host, let port = url.port
        else { return .text(.badRequest, "expected {\"batch\": CID, \"endpoint\": URL}\n") }
        if batchCounts[report.batch] != nil {
            repeatedReports += 1
            return .text(.ok, "{\"consolidated\":true,\"repeated\":true}\n", contentType: "application/json")
        }
        let fetch = HTTPRequest(method: .get, scheme: "http", authority: "\(host):\(port)", path: url.path)
        let bytes: [UInt8]
        do {
            let response = try await client.execute(fetch, body: nil, timeouts: HTTPTimeouts(total: .seconds(30)))
            bytes = try await response.body.collect(upTo: 1 << 30)
            guard response.head.status.code == 200 else {
                return .text(.badGateway, "fetching the batch answered \(response.head.status.code)\n")
            }
        } catch {
            return .text(.badGateway, "fetching the batch failed: \(error)\n")
        }
        // The file's hash is checked against its name, so its sections need not be hashed again one by one.
        let sections = ReceiptBatchFormat.sections(of: bytes, checkingCIDs: false)
        guard ReceiptBatchFormat.batchCID(of: bytes) == report.batch, sections.damage == nil else {
            rejected[report.batch] = sections.damage ?? "CID is not the sha256 of the batch"
            return .text(.unprocessableContent, "batch rejected: \(rejected[report.batch] ?? "")\n")
        }
        // A report that raced another for the same batch: the first one to get here consolidates it.
        if batchCounts[report.batch] != nil {
            repeatedReports += 1
            return .text(.ok, "{\"consolidated\":true,\"repeated\":true}\n", contentType: "application/json")
        }
        batchCounts[report.batch, default: 0] += 1
        for receipt in sections.receipts {
            guard let invocation = Retrieval.invocationID(ofReceipt: bytes[receipt]) else { continue }
            receiptCounts[invocation, default: 0] += 1
        }
        let answer = "{\"consolidated\":true,\"receipts\":\(sections.receipts.count)}\n"
        return .text(.ok, answer, contentType: "application/json")
    }

    private struct TrackReport: Decodable {
        var batch: String
        var endpoint: String
    }
}

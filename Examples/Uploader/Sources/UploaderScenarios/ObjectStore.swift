import ChaosNet
import HTTPTypes
import Scenarios

/// The simulated object store the uploader talks to: `PUT /objects/<name>` stores the body (201), `GET` returns it.
/// It runs on the world's network, so the scenario's faults on its service apply. Used on the simulation's thread.
final class ObjectStore: @unchecked Sendable {
    /// What the store holds, by object name.
    private(set) var objects: [String: [UInt8]] = [:]
    private(set) var statusCounts: [Int: Int] = [:]
    private var server: SimHTTPServer?

    static let bodyLimit = 64 << 20

    /// Starts serving on `host:port` of `world`'s network, and stops when the world shuts down.
    func start(in world: ScenarioWorld, host: String, port: Int) throws {
        let server = try SimHTTPServer(network: world.network, host: host, port: port) { [weak self] request in
            guard let self else { return .text(.serviceUnavailable, "store gone") }
            return try await self.handle(request)
        }
        server.start()
        self.server = server
        world.onShutDown { server.stop() }
    }

    private func handle(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
        let path = request.head.path ?? ""
        guard path.hasPrefix("/objects/"), path.count > "/objects/".count else {
            return reply(.notFound, "no such path")
        }
        let name = String(path.dropFirst("/objects/".count))
        switch request.head.method {
        case .put:
            objects[name] = try await request.body.collect(upTo: Self.bodyLimit)
            return reply(.created, "stored \(name)")
        case .get:
            guard let bytes = objects[name] else { return reply(.notFound, "no object \(name)") }
            statusCounts[200, default: 0] += 1
            return HTTPServerResponse(head: HTTPResponse(status: .ok), body: .bytes(bytes))
        default:
            return reply(.methodNotAllowed, "PUT or GET")
        }
    }

    private func reply(_ status: HTTPResponse.Status, _ text: String) -> HTTPServerResponse {
        statusCounts[status.code, default: 0] += 1
        return .text(status, text)
    }
}

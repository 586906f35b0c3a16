import ChaosCore
import ChaosNet
import HTTPTypes
import Scenarios

/// Live mode's control API, as toxiproxy has one: JSON over HTTP on its own port, to list, add, remove, enable and
/// disable faults while the services run, and to read the event log.
///
/// | request | answer |
/// |---|---|
/// | `GET /status` | the services, their packages, the seed, the time scale and the scenario's time |
/// | `GET /faults` | every fault, in consultation order, with `enabled` and `active_now` |
/// | `POST /faults` | adds the fault in the body (a `faults:` item of a scenario file, JSON or YAML): 201 |
/// | `GET /faults/NAME` | one fault |
/// | `DELETE /faults/NAME` | removes it: 204 |
/// | `POST /faults/NAME/enable`, `POST /faults/NAME/disable` | switches it on or off: 200 |
/// | `POST /faults/NAME/release` | lets what a `hold` fault holds move on (the fault stays listed): 200 |
/// | `GET /events` | the last events (firings, requests), oldest first |
///
/// Errors are JSON `{"error": "…"}` with 400 (a bad fault, with its line and column), 404, 405 or 409 (a name
/// already listed).
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveControlAPI: @unchecked Sendable {
    private let faults: LiveFaultSet
    private let clock: LiveFaultClock
    private let log: LiveEventLog
    private let hosts: [String]
    /// What `GET /status` reports besides the clock.
    var status: LiveServerStatus
    /// The largest fault a client may post.
    static let bodyLimit = 64 << 10

    init(faults: LiveFaultSet, clock: LiveFaultClock, log: LiveEventLog, hosts: [String], status: LiveServerStatus) {
        self.faults = faults
        self.clock = clock
        self.log = log
        self.hosts = hosts
        self.status = status
    }

    func handle(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
        let target = request.head.path ?? "/"
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let method = request.head.method
        let response: HTTPServerResponse
        switch (parts.first, parts.count) {
        case ("status", 1):
            response = method == .get ? json(.ok, statusBody()) : notAllowed("GET")
        case ("events", 1):
            let events = EventsBody(events: log.events.map(EventBody.init))
            response = method == .get ? json(.ok, events) : notAllowed("GET")
        case ("faults", 1):
            switch method {
            case .get: response = json(.ok, FaultsBody(faults: faults.entries.map(faultBody)))
            case .post: response = try await addFault(request)
            default: response = notAllowed("GET, POST")
            }
        case ("faults", 2):
            response = one(parts[1], method: method)
        case ("faults", 3) where ["enable", "disable", "release"].contains(parts[2]):
            guard method == .post else {
                response = notAllowed("POST")
                break
            }
            let (name, action) = (parts[1], parts[2])
            let done = action == "release" ? faults.release(name) : faults.setEnabled(name, action == "enable")
            if done {
                clock.trace("control", "\(action == "release" ? "released" : action + "d") fault \(name)")
                response = one(name, method: .get)
            } else {
                response = unknownFault(name)
            }
        default:
            response = error(.notFound, "no such resource: \(path); see GET /status, /faults, /events")
        }
        return response
    }

    // MARK: - Faults

    private func one(_ name: String, method: HTTPRequest.Method) -> HTTPServerResponse {
        guard let entry = faults.entries.first(where: { $0.fault.name == name }) else { return unknownFault(name) }
        switch method {
        case .get:
            return json(.ok, faultBody(entry))
        case .delete:
            _ = faults.remove(name)
            clock.trace("control", "removed fault \(name)")
            return HTTPServerResponse(head: HTTPResponse(status: .noContent))
        default:
            return notAllowed("GET, DELETE")
        }
    }

    private func addFault(_ request: HTTPServerRequest) async throws -> HTTPServerResponse {
        let bytes: [UInt8]
        do {
            bytes = try await request.body.collect(upTo: Self.bodyLimit)
        } catch HTTPClientError.tooLarge {
            return error(.contentTooLarge, "a fault is at most \(Self.bodyLimit) bytes")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return error(.badRequest, "the body is not UTF-8 text; expected one fault as JSON or YAML")
        }
        let fault: Fault
        do {
            fault = try ScenarioLoader.parseFault(
                text, source: "request body", hosts: hosts, takenNames: [])
        } catch {
            return self.error(.badRequest, error.description)
        }
        guard !faults.contains(fault.name) else {
            return error(.conflict, "a fault named '\(fault.name)' is already listed; DELETE it first")
        }
        faults.add(fault)
        clock.trace("control", "added fault \(fault)")
        let entry = faults.entries.last!
        return json(.created, faultBody(entry))
    }

    private func unknownFault(_ name: String) -> HTTPServerResponse {
        let listed = faults.entries.map(\.fault.name)
        let names = listed.isEmpty ? "none" : listed.joined(separator: ", ")
        return error(.notFound, "no fault named '\(name)'; listed: \(names)")
    }

    private func faultBody(_ entry: LiveFaultSet.Entry) -> FaultBody {
        let now = SimClock.Instant(nanosecondsSinceEpoch: clock.faultTimeNanoseconds)
        let active: Bool
        if entry.enabled {
            let periods = faults.plan.activePeriods(ofFault: entry.fault.name, through: now)
            let offset = Duration.nanoseconds(now.nanosecondsSinceEpoch)
            active = periods.contains { $0.start <= offset && offset < $0.end }
        } else {
            active = false
        }
        return FaultBody(
            name: entry.fault.name, kind: entry.fault.kind.name, description: entry.fault.description,
            enabled: entry.enabled, activeNow: active)
    }

    private func statusBody() -> LiveServerStatus {
        var body = status
        body.scenarioSeconds = clock.scenarioSeconds
        return body
    }

    // MARK: - Replies

    private func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> HTTPServerResponse {
        HTTPServerResponse.text(status, LiveJSON.line(value) + "\n", contentType: "application/json")
    }

    private func error(_ status: HTTPResponse.Status, _ message: String) -> HTTPServerResponse {
        json(status, ["error": message])
    }

    private func notAllowed(_ allow: String) -> HTTPServerResponse {
        var response = error(.methodNotAllowed, "method not allowed; allowed: \(allow)")
        response.head.headerFields[.allow] = allow
        return response
    }

    private struct FaultBody: Encodable {
        var name, kind, description: String
        var enabled: Bool
        var activeNow: Bool
    }

    private struct FaultsBody: Encodable {
        var faults: [FaultBody]
    }

    private struct EventBody: Encodable {
        var wallTime: String
        var scenarioSeconds: Double
        var source, message: String

        init(_ event: LiveEventLog.Event) {
            wallTime = event.wallTime
            scenarioSeconds = event.scenarioSeconds
            source = event.source
            message = event.message
        }
    }

    private struct EventsBody: Encodable {
        var events: [EventBody]
    }
}

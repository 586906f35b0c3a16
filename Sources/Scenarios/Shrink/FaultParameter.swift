import ChaosNet

/// A parameter of a fault's kind that the shrinker can make simpler, with the fault's current value and how to
/// rebuild the fault with another. Simpler means absent, for an optional parameter, else smaller: a stall after 0
/// bytes, a reset at once, no jitter. Parameters with no simpler direction (a bandwidth, a status code) are not
/// listed.
///
/// `parameters(of:)` is the one place that knows each kind's parameters for shrinking.
struct FaultParameter {
    enum Unit {
        case nanoseconds, bytes, count
    }

    /// The parameter's key in scenario files.
    var name: String
    /// Nil when an optional parameter is absent.
    var value: Int64?
    var isOptional: Bool
    var unit: Unit
    /// The fault with this parameter set to `value` (nil: absent), everything else as it is.
    var rebuild: (Int64?) -> PlanFault

    /// The smallest value the parameter takes.
    var minimum: Int64 { 0 }

    /// `80ms`, `200KiB`, `3`, or `none` for an absent value, for progress messages.
    func text(_ value: Int64?) -> String {
        guard let value else { return "none" }
        switch unit {
        case .nanoseconds: return DurationText.format(.nanoseconds(value))
        case .bytes: return ByteSizeText.format(Int(value))
        case .count: return String(value)
        }
    }

    /// `value` rounded down to a whole millisecond or KiB once it is at least that, so that bisected values read
    /// like values a person writes.
    func rounded(_ value: Int64) -> Int64 {
        let grain: Int64 = switch unit {
        case .nanoseconds: 1_000_000
        case .bytes: 1024
        case .count: 1
        }
        return value >= grain ? value / grain * grain : value
    }

    static func parameters(of fault: PlanFault) -> [FaultParameter] {
        switch fault {
        case let .network(fault): networkParameters(of: fault)
        case let .fileSystem(fault): fileSystemParameters(of: fault)
        }
    }

    private static func networkParameters(of fault: Fault) -> [FaultParameter] {
        func with(_ kind: FaultKind) -> PlanFault {
            var fault = fault
            fault.kind = kind
            return .network(fault)
        }
        func duration(_ name: String, _ value: Duration?, optional: Bool = false,
                      _ make: @escaping (Duration?) -> FaultKind) -> FaultParameter {
            FaultParameter(name: name, value: value?.nanosecondsClamped, isOptional: optional, unit: .nanoseconds) {
                with(make($0.map(Duration.nanoseconds)))
            }
        }
        func size(_ name: String, _ value: Int, _ make: @escaping (Int) -> FaultKind) -> FaultParameter {
            FaultParameter(name: name, value: Int64(value), isOptional: false, unit: .bytes) {
                with(make(Int($0 ?? 0)))
            }
        }
        switch fault.kind {
        case let .latency(base, jitter):
            return [
                duration("jitter", jitter) { .latency(base: base, jitter: $0 ?? .zero) },
                duration("base", base) { .latency(base: $0 ?? .zero, jitter: jitter) },
            ]
        case let .slicer(average, variation, delay):
            return [
                size("size_variation", variation) { .slicer(averageSize: average, sizeVariation: $0, delay: delay) },
                duration("delay", delay) {
                    .slicer(averageSize: average, sizeVariation: variation, delay: $0 ?? .zero)
                },
            ]
        case let .limitData(bytes):
            return [size("bytes", bytes) { .limitData(bytes: $0) }]
        case let .resetPeer(after):
            return [duration("after", after) { .resetPeer(after: $0 ?? .zero) }]
        case let .timeout(closeAfter):
            return [duration("close_after", closeAfter, optional: true) { .timeout(closeAfter: $0) }]
        case let .slowClose(delay):
            return [duration("delay", delay) { .slowClose(delay: $0 ?? .zero) }]
        case let .httpStatus(code, retryAfter):
            return [duration("retry_after", retryAfter, optional: true) { .httpStatus(code: code, retryAfter: $0) }]
        case let .httpSlowHeaders(delay):
            return [duration("delay", delay) { .httpSlowHeaders(delay: $0 ?? .zero) }]
        case let .httpStallBody(after, stall):
            return [
                size("after", after) { .httpStallBody(afterBytes: $0, duration: stall) },
                duration("duration", stall, optional: true) { .httpStallBody(afterBytes: after, duration: $0) },
            ]
        case let .httpTruncateBody(after):
            return [size("after", after) { .httpTruncateBody(afterBytes: $0) }]
        case let .httpAbortMidChunk(after):
            return [size("after", after) { .httpAbortMidChunk(afterBytes: $0) }]
        case let .httpCloseBetweenChunks(after):
            return [size("after", after) { .httpCloseBetweenChunks(afterBytes: $0) }]
        case .bandwidth, .down, .partition, .clog, .hold:
            return []
        }
    }

    private static func fileSystemParameters(of fault: FileSystemFault) -> [FaultParameter] {
        func with(_ kind: FileSystemFaultKind) -> PlanFault {
            var fault = fault
            fault.kind = kind
            return .fileSystem(fault)
        }
        switch fault.kind {
        case let .diskFull(capacity):
            return [FaultParameter(name: "capacity", value: Int64(capacity), isOptional: false, unit: .bytes) {
                with(.diskFull(capacityBytes: Int($0 ?? 0)))
            }]
        case let .operationError(failing):
            return [FaultParameter(name: "skip", value: Int64(failing.skipCount), isOptional: false, unit: .count) {
                var failing = failing
                failing.skipCount = Int($0 ?? 0)
                return with(.operationError(failing))
            }]
        case .slowMetadata, .powerLoss, .stall:
            return []
        }
    }
}

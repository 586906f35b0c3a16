import Synchronization

/// Where a component says how much work it holds: a unit begins holding some bytes and ends later. A simulation
/// meters these against the scenario's memory budget; production can export them as gauges.
///
/// The bytes are the component's own estimate of what the unit keeps alive (its request, its stack): the point is to
/// see growth that nothing bounds, not to count allocations.
public protocol WorkMeter: Sendable {
    /// A unit of work began, holding `bytes`.
    func begin(bytes: Int)
    /// A unit that began with `bytes` ended.
    func end(bytes: Int)
}

/// A thread-safe meter of units and bytes in flight, with their peaks: for production gauges and for tests.
public final class CountingWorkMeter: WorkMeter {
    public struct Reading: Sendable, Equatable {
        public var units = 0
        public var bytes = 0
        public var peakUnits = 0
        public var peakBytes = 0
    }

    private let state = Mutex(Reading())

    public init() {}

    public var reading: Reading { state.withLock { $0 } }

    public func begin(bytes: Int) {
        state.withLock { reading in
            reading.units += 1
            reading.bytes += bytes
            reading.peakUnits = max(reading.peakUnits, reading.units)
            reading.peakBytes = max(reading.peakBytes, reading.bytes)
        }
    }

    public func end(bytes: Int) {
        state.withLock { reading in
            reading.units -= 1
            reading.bytes -= bytes
        }
    }
}

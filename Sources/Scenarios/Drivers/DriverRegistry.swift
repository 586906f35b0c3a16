/// The components a loader and a runner know, by name: the one list every component-specific question goes through.
///
/// `builtIn` holds ChaosNet's own drivers; a user's runner or test adds its own:
///
/// ```swift
/// let drivers = DriverRegistry.builtIn.adding(UploaderDriver())
/// let scenario = try ScenarioLoader.load(path: "uploads.yaml", drivers: drivers)
/// let runner = try ScenarioRunner(scenario: scenario, drivers: drivers)
/// ```
public struct DriverRegistry: Sendable {
    /// The drivers, in registration order (the order `chaos-run components` lists them).
    public let drivers: [any ComponentDriver]

    /// A registry of `drivers`, whose names must differ (two drivers of one name are a programmer error).
    public init(_ drivers: [any ComponentDriver]) {
        var names: Set<String> = []
        for driver in drivers {
            precondition(names.insert(driver.name).inserted, "two drivers are named '\(driver.name)'")
        }
        self.drivers = drivers
    }

    /// This registry with `driver` added after the others.
    public func adding(_ driver: any ComponentDriver) -> DriverRegistry {
        DriverRegistry(drivers + [driver])
    }

    /// This registry with `others` added after the others.
    public func adding(_ others: [any ComponentDriver]) -> DriverRegistry {
        DriverRegistry(drivers + others)
    }

    /// The driver registered as `name`, if any.
    public func driver(named name: String) -> (any ComponentDriver)? {
        drivers.first { $0.name == name }
    }

    /// Every registered name, in registration order.
    public var names: [String] { drivers.map(\.name) }
}

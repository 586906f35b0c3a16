/// Why a scenario cannot be run at all (as opposed to a seed that fails): its fixtures cannot be built, or it asks
/// for something the runner does not support.
public struct ScenarioRunError: Error, Sendable, Equatable, CustomStringConvertible {
    public var scenario: String
    public var message: String

    public init(scenario: String, message: String) {
        self.scenario = scenario
        self.message = message
    }

    public var description: String { "scenario '\(scenario)': \(message)" }
}

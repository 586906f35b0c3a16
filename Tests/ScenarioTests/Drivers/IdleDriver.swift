import Scenarios

/// A component that needs nothing from its world and does nothing: for loader tests of what no built-in component
/// allows (a world without a registry), and the smallest driver a user could write.
struct IdleDriver: ComponentDriver {
    let name = "idle"
    let summary = "Does nothing."
    let variants: [VariantName] = ["only"]
    let invariants: [InvariantDescriptor] = []

    func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
        IdleWorkload()
    }
}

final class IdleWorkload: ScenarioWorkload {
    func perform(pass: Int) async -> WorkloadFailure? { nil }
    func violations() async -> [InvariantViolation] { [] }
}

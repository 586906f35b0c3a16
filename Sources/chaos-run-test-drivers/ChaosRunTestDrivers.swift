import ChaosRunCLI
import Scenarios

/// chaos-run with drivers that only tests use: ScenarioTests depends on this executable so that `swift test` builds
/// it, and no product ships it, because its drivers are deliberately nondeterministic (`NondeterministicDriver`).
@main
enum ChaosRunTestDrivers {
    static func main() async {
        await ChaosRunMain.run(
            commandName: "chaos-run-test-drivers", drivers: .builtIn.adding(NondeterministicDriver.driver))
    }
}

import ChaosRunCLI
import Scenarios
import UploaderScenarios

/// `swift run uploader-chaos run scenarios/uploads.yaml`: everything chaos-run does — worker processes, reports,
/// replay, check-determinism, exit codes — with the uploader registered beside the built-in components.
@main
enum UploaderChaos {
    static func main() async {
        await ChaosRunMain.run(commandName: "uploader-chaos", drivers: .builtIn.adding(UploaderDriver()))
    }
}

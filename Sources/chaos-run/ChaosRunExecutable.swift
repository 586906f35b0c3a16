import ChaosRunCLI

/// chaos-run itself: the library's commands with the built-in drivers, plus the benchmarks and the kernel demo, which
/// ship in no library.
@main
enum ChaosRunExecutable {
    static func main() async {
        await ChaosRunMain.run(extraCommands: [DemoCommand.self, BenchCommand.self])
    }
}

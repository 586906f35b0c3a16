import Triage

extension ReplayFormatter {
    /// The replay command of chaos-run, or of a user's runner built on its entry point:
    /// `<executable> replay FILE --seed S --variant V`, with the file and the variant quoted for a POSIX shell.
    /// `executable` is written as given (`chaos-run`, `swift run my-chaos`).
    public static func command(_ executable: String) -> ReplayFormatter {
        ReplayFormatter { file, seed, variant in
            "\(executable) replay \(ShellQuoting.quote(file)) --seed \(seed) --variant \(ShellQuoting.quote(variant))"
        }
    }

    /// chaos-run's own replay command.
    public static let chaosRun = command("chaos-run")
}

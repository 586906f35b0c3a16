import Foundation

/// Runs the real pytest with the real pytest-rerunfailures plugin (installed by `.ci/run` from PyPI).
enum Pytest {
    /// Why the check cannot run, or nil when `python3 -m pytest -p rerunfailures` works here.
    static let missing: String? = {
        guard let run = try? python(["-c", "import pytest, pytest_rerunfailures"], in: nil) else {
            return "python3 is not on the PATH"
        }
        return run.status == 0 ? nil : "pytest or pytest-rerunfailures is missing (\(run.output.prefix(200)))"
    }()

    /// `python3 arguments…` in `directory`, with `extra` added to the environment, stdout and stderr together.
    static func python(
        _ arguments: [String], in directory: URL?, environment extra: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        // No user plugins or cache files: only the plugin under test may change how pytest reruns.
        let quiet = ["PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"]
        return try ShellCommand.execute(
            "/usr/bin/env", ["python3"] + arguments, in: directory, environment: quiet.merging(extra) { $1 })
    }

    /// Python for a test file: `attempt(name)` counts the attempts of `name` in a file next to the test (read back
    /// with `PytestExportTests.attempts`) and returns this attempt's number, 1 first. Needs `import pathlib`.
    static let attemptCounter = """
        def attempt(name):
            counter = pathlib.Path(__file__).with_name(f"attempts-{name}")
            count = int(counter.read_text()) if counter.exists() else 0
            counter.write_text(str(count + 1))
            return count + 1
        """
}

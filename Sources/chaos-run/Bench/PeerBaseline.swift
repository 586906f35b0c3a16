import Foundation

/// Runs one of the Python peer baselines in shared/bench and reads its JSON line.
enum PeerBaseline {
    struct Line {
        var raw: String
        var wakeupsPerSecond: Double
    }

    static func run(script: String, argument: Int) -> Line? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(argument)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let text = String(data: data, encoding: .utf8)?.split(separator: "\n").last.map(String.init),
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let rate = object["timer_wakeups_per_sec"] as? Double
        else { return nil }
        return Line(raw: text, wakeupsPerSecond: rate)
    }
}

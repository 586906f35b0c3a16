import Foundation

/// Runs the built `chaos-run` executable (or another of the package's, such as `chaos-run-test-drivers`) in a
/// separate process. The test target depends on them, so SwiftPM builds them next to the test bundle.
enum ChaosRunBinary {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var url: URL { url(of: "chaos-run") }

    static func url(of executable: String) -> URL {
        // The test bundle lives in the build products directory, next to the executable.
        let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?
            .deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent(executable)
    }

    /// The package's root directory, where the shipped scenarios live.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(
        _ arguments: [String], environment: [String: String] = [:], executable: String = "chaos-run"
    ) throws -> Output {
        let process = Process()
        process.executableURL = url(of: executable)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self)
        )
    }
}

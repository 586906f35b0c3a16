// swift-tools-version:6.1
import PackageDescription

// An example of putting one's own code under ChaosNet: a small uploader (the component, which sees only the core
// protocols), its driver (which knows the simulation), a scenario file, a Swift Testing sweep, and a runner
// executable that does everything chaos-run does with the uploader registered. It depends on ChaosNet by path, as a
// package of yours would depend on it by URL.
// As ChaosNet does: nonisolated async functions run on their caller's executor (SE-0461), so a workload's helpers stay
// on the simulation's executor without sending `self` across isolation domains.
let settings: [SwiftSetting] = [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

let package = Package(
    name: "Uploader",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Uploader", targets: ["Uploader"]),
        .executable(name: "uploader-chaos", targets: ["uploader-chaos"]),
    ],
    dependencies: [
        .package(name: "ChaosNet", path: "../.."),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
    ],
    targets: [
        // The production code: an HTTPClient, a FileSystem, a clock and a random source, nothing simulated.
        .target(
            name: "Uploader",
            dependencies: [
                .product(name: "ChaosCore", package: "ChaosNet"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        // The driver: the uploader in a simulated world with an object store, its invariants and figures.
        .target(
            name: "UploaderScenarios",
            dependencies: [
                "Uploader",
                .product(name: "ChaosNet", package: "ChaosNet"),
                .product(name: "Scenarios", package: "ChaosNet"),
                .product(name: "Triage", package: "ChaosNet"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        // `swift run uploader-chaos run scenarios/uploads.yaml`: chaos-run's commands with the uploader registered.
        .executableTarget(
            name: "uploader-chaos",
            dependencies: [
                "UploaderScenarios",
                .product(name: "ChaosRunCLI", package: "ChaosNet"),
                .product(name: "Scenarios", package: "ChaosNet"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "UploaderTests",
            dependencies: [
                "Uploader", "UploaderScenarios",
                .product(name: "Scenarios", package: "ChaosNet"),
                .product(name: "ChaosTesting", package: "ChaosNet"),
                .product(name: "Triage", package: "ChaosNet"),
            ],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)

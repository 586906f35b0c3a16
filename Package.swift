// swift-tools-version:6.1
import PackageDescription

// Every target uses the Swift 6 language mode, which implies complete strict concurrency checking.
// Nonisolated async functions run on their caller's executor (SE-0461): inside a simulation that avoids a hop to the
// generic executor, and a task-executor lookup, on every await of a nonisolated function.
let settings: [SwiftSetting] = [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

let package = Package(
    name: "ChaosNet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChaosNet", targets: ["ChaosNet"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Triage", targets: ["Triage"]),
        .executable(name: "chaos-run", targets: ["chaos-run"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(
            name: "ChaosNet",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "Scenarios",
            dependencies: [
                "ChaosNet", "Triage",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),
        .target(name: "Triage"),
        .executableTarget(
            name: "chaos-run",
            dependencies: [
                "ChaosNet", "Scenarios", "Triage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds of the CLI link the Swift runtime statically: the concurrency runtime's thread-locals
            // then resolve without a __tls_get_addr call, which measured ~20% faster timer wakeups, and the binary
            // runs on machines without a Swift toolchain. Debug builds keep fast dynamic links.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "ChaosNetTests",
            dependencies: ["ChaosNet", .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: [
                "Scenarios", "ChaosNet", "chaos-run", .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "TriageTests", dependencies: ["Triage"]),
    ],
    swiftLanguageModes: [.v6]
)

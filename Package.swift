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
        // What components depend on: the FileSystem, HTTPClient and Transport protocols and the real implementations.
        .library(name: "ChaosCore", targets: ["ChaosCore"]),
        .library(name: "ChaosTar", targets: ["ChaosTar"]),
        .library(name: "ChaosIPFS", targets: ["ChaosIPFS"]),
        // The real HTTPClient on AsyncHTTPClient, for components in production; it never sees the simulator.
        .library(name: "ChaosLiveHTTP", targets: ["ChaosLiveHTTP"]),
        // Live mode: a scenario's services on real loopback sockets with its fault plan on the real clock.
        .library(name: "ChaosLive", targets: ["ChaosLive"]),
        // The simulator: kernel, network, HTTP over it, the IPFS registry, SimFileSystem.
        .library(name: "ChaosNet", targets: ["ChaosNet"]),
        // The code under test, usable in production: it sees the core protocols and the formats, never the simulator.
        .library(name: "ChaosComponents", targets: ["ChaosComponents"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Triage", targets: ["Triage"]),
        // Swift Testing expectations that print a failing seed's signature and replay instruction; for test targets.
        .library(name: "ChaosTesting", targets: ["ChaosTesting"]),
        // chaos-run's commands as a library, so that a user's own executable can run them with its own drivers.
        .library(name: "ChaosRunCLI", targets: ["ChaosRunCLI"]),
        .executable(name: "chaos-run", targets: ["chaos-run"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The trait exposes a response body's trailers (Kubo reports mid-stream errors in X-Stream-Error).
        .package(
            url: "https://github.com/swift-server/async-http-client", from: "1.37.0",
            traits: ["UnstableHTTPAPIsSupport"]
        ),
    ],
    targets: [
        .target(
            name: "ChaosCore",
            dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: settings
        ),
        .target(name: "ChaosTar", dependencies: ["ChaosCore"], swiftSettings: settings),
        .target(
            name: "ChaosIPFS",
            dependencies: [
                "ChaosCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "ChaosLiveHTTP",
            dependencies: [
                "ChaosCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "ChaosNet",
            dependencies: [
                "ChaosCore", "ChaosTar", "ChaosIPFS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "ChaosComponents",
            dependencies: [
                "ChaosCore", "ChaosTar", "ChaosIPFS", .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "Scenarios",
            dependencies: [
                "ChaosNet", "ChaosComponents", "Triage",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
                // SHA-256 of scenario files, so that merge refuses shards of files that differ.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "ChaosLive",
            dependencies: [
                "ChaosNet", "Scenarios",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        .target(name: "Triage"),
        .target(name: "ChaosTesting", dependencies: ["Scenarios", "Triage"], swiftSettings: settings),
        .target(
            name: "ChaosRunCLI",
            dependencies: [
                "ChaosNet", "ChaosLive", "Scenarios", "Triage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        // Benchmarks and the kernel demo: used by chaos-run's `bench` and `demo` commands, shipped in no library.
        .target(
            name: "ChaosBenchmarks",
            dependencies: [
                "ChaosNet", "ChaosComponents", "Scenarios", "Triage",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: settings
        ),
        .target(name: "ChaosDemo", dependencies: ["ChaosNet"], swiftSettings: settings),
        .executableTarget(
            name: "chaos-run",
            dependencies: [
                "ChaosRunCLI", "ChaosBenchmarks", "ChaosDemo", "ChaosNet", "Scenarios", "Triage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds of the CLI link the Swift runtime statically: the concurrency runtime's thread-locals
            // then resolve without a __tls_get_addr call, which measured ~20% faster timer wakeups, and the binary
            // runs on machines without a Swift toolchain. Debug builds keep fast dynamic links.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        // chaos-run with drivers only tests use, some deliberately nondeterministic: ScenarioTests runs it to check
        // check-determinism's mismatch report. In no product, so nothing nondeterministic ships.
        .executableTarget(
            name: "chaos-run-test-drivers",
            dependencies: ["ChaosRunCLI", "ChaosNet", "Scenarios"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "ChaosNetTests",
            dependencies: [
                "ChaosNet", "ChaosCore", "ChaosTar", "ChaosIPFS",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: [
                "Scenarios", "ChaosNet", "ChaosComponents", "ChaosDemo", "ChaosRunCLI", "ChaosTesting", "chaos-run",
                "chaos-run-test-drivers",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Reads the CI examples in ci/examples, as GitHub Actions and GitLab would.
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Real loopback servers (a Python script per test); no simulator, so what passes here passes in production.
        .testTarget(
            name: "ChaosLiveHTTPTests",
            dependencies: [
                "ChaosLiveHTTP", "ChaosCore", "ChaosComponents", "ChaosIPFS", "ChaosTar", "ChaosLive", "ChaosNet",
                "Scenarios", "chaos-run", .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
        // Fixtures are read from the source tree by path (#filePath), so they are excluded rather than bundled.
        .testTarget(name: "TriageTests", dependencies: ["Triage", "ChaosBenchmarks"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

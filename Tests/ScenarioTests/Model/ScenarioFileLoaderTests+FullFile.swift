import ChaosNet
import ChaosComponents
import Scenarios
import Testing
import Triage

extension ScenarioFileLoaderTests {
    @Test("a file that sets every key loads into exactly those values")
    func fullFile() throws {
        let file = try ScenarioLoader.parse(ScenarioFileExamples.full, path: "full.yaml")
        #expect(file.name == "ipfs-download-timeout")
        #expect(file.description == "The registry stops sending data mid-download.")
        #expect(file.seedCount == 1000)
        #expect(file.firstSeed == 500)
        #expect(file.timeLimit == .seconds(7200))
        #expect(file.schedule == .pct(depth: 2, stepEstimate: 5000))
        #expect(file.timerWakeups == .together)

        let defaultLink = LinkConditions(
            latency: .milliseconds(2), jitter: .milliseconds(1), bandwidthBytesPerSecond: 10_000_000,
            connectLatency: .milliseconds(3))
        #expect(file.topology == TopologySpec(
            hosts: ["service", "registry", "mirror"], clientHost: "service",
            registry: RegistrySpec(host: "registry", port: 5002, packages: [
                PackageSpec(name: "app", fileCount: 12, byteCount: 4 << 20, depthMax: 2, symlinkCount: 1),
                PackageSpec(name: "tiny"),
            ]),
            defaultLink: defaultLink))
        var mirrorLink = defaultLink
        mirrorLink.latency = .microseconds(250)
        #expect(file.links == [
            LinkSpec(between: "service", "registry", conditions: LinkConditions(
                latency: .milliseconds(20), jitter: .milliseconds(5), bandwidthBytesPerSecond: 2 << 20,
                connectLatency: .milliseconds(1500))),
            LinkSpec(between: "mirror", "service", conditions: mirrorLink),
        ])

        let registry = FaultTarget.service(host: "registry", port: 5002)
        let mirror = FaultTarget.host("mirror")
        let registryHost = FaultTarget.host("registry")
        #expect(file.faults == [
            Fault(name: "registry-load", kind: .timeout(closeAfter: .seconds(45)), target: registry,
                  direction: .downstream, toxicity: 0.3,
                  activity: .episodes(meanGap: .seconds(600), meanDuration: .seconds(90))),
            Fault(name: "slow", kind: .latency(base: .milliseconds(100), jitter: .milliseconds(10)),
                  target: registryHost, activity: .windows([
                      FaultWindow(start: .seconds(10), end: .seconds(70)),
                      FaultWindow(start: .seconds(120), end: .seconds(120)),
                  ])),
            Fault(name: "throttle", kind: .bandwidth(bytesPerSecond: 100_000), target: .link("service", "mirror"),
                  toxicity: 0.25),
            Fault(name: "slices", kind: .slicer(averageSize: 1024, sizeVariation: 100, delay: .milliseconds(1)),
                  target: mirror),
            Fault(name: "cap", kind: .limitData(bytes: 1_000_000), target: mirror),
            Fault(name: "reset", kind: .resetPeer(after: .seconds(3)), target: mirror),
            Fault(name: "close", kind: .slowClose(delay: .seconds(2)), target: mirror),
            Fault(name: "gone", kind: .down, target: mirror, direction: .upstream),
            Fault(name: "split", kind: .partition, target: .link("service", "registry")),
            Fault(name: "clogged", kind: .clog, target: mirror),
            Fault(name: "held", kind: .hold, target: mirror),
            Fault(name: "busy", kind: .httpStatus(code: 503, retryAfter: .seconds(30)), target: registry),
            Fault(name: "heads", kind: .httpSlowHeaders(delay: .seconds(4)), target: registryHost),
            Fault(name: "stall", kind: .httpStallBody(afterBytes: 65536, duration: .seconds(60)), target: registryHost),
            Fault(name: "stall-forever", kind: .httpStallBody(afterBytes: 0, duration: nil), target: registryHost),
            Fault(name: "short", kind: .httpTruncateBody(afterBytes: 1000), target: registryHost),
            Fault(name: "mid-chunk", kind: .httpAbortMidChunk(afterBytes: 2000), target: registryHost),
            Fault(name: "between-chunks", kind: .httpCloseBetweenChunks(afterBytes: 3072), target: registryHost),
        ])
        #expect(file.fileSystemFaults == [
            FileSystemFault(
                name: "disk-fills", kind: .diskFull(capacityBytes: 10 << 20),
                activity: .windows([FaultWindow(start: .seconds(30), end: .seconds(35))])),
            FileSystemFault(name: "full-disk", kind: .diskFull(capacityBytes: 1 << 30)),
            FileSystemFault(
                name: "nfs", kind: .slowMetadata(.nfs),
                activity: .episodes(meanGap: .seconds(3600), meanDuration: .seconds(300))),
        ])

        #expect(file.fileSystem == FileSystemSpec(
            durability: .strictDirectories,
            mounts: [
                SimFileSystem.Mount(path: "/srv/cache", durability: .journaledMetadata),
                SimFileSystem.Mount(path: "/nfs", durability: .journaledMetadata, storage: .nfsSync),
            ]))
        let policy = DownloadRetryPolicy(
            attemptCountMax: 5, backoffBase: .seconds(2), backoffCap: .seconds(16), jitterMax: .milliseconds(500),
            retryAfterMax: .seconds(120), connectTimeout: .seconds(5), readIdleTimeout: .seconds(15),
            totalTimeout: .seconds(600))
        #expect(file.workload == WorkloadSpec(
            component: "service-manager", variants: [.robust, .naive], package: "app", startJitter: .seconds(30),
            configuration: PackageWorkloadConfiguration(
                operations: 7, downloader: DownloaderConfig(naiveReadTimeout: .seconds(20), policy: policy))))
        #expect(file.invariants == [.noPartialDirectories, .noBurnedIDs])
        #expect(file.expectations == [
            VariantExpectation(variant: .naive, maxFailureRate: 0.10, minFailureRate: 0.05),
            VariantExpectation(variant: .robust, maxFailureRate: 0.005),
        ])
        #expect(file.expectation(for: .robust)?.minFailureRate == nil)
        #expect(file.rerun == RerunSpec(
            delays: [0, 1, 5, 15].map { .seconds($0) }, target: 0.001, rerunsMax: 8, blindReruns: 3,
            blindDelay: .seconds(10), realErrors: [
                RealErrorPattern(
                    signature: "transient:service-manager:503:read_timeout",
                    patterns: ["^ReadTimeoutError: .*Read timed out", "^ConnectionError:"]),
                RealErrorPattern(signature: "transient:service-manager:*", patterns: ["^StatusError:"]),
            ], validationSeeds: 2500))
        #expect(file.rerun.validationSeedCount(sweptSeeds: 10) == 2500)
        #expect(RerunSpec().validationSeedCount(sweptSeeds: 10) == 10)
        #expect(RerunSpec().validationSeedCount(sweptSeeds: 10_000) == RerunSpec.defaultValidationSeedsMax)
    }

    @Test("the download queue's section decodes every key into its driver's configuration")
    func queueSection() throws {
        let file = try ScenarioLoader.parse(ScenarioFileExamples.queueWorkload, path: "queue.yaml")
        let settings = DownloadQueueSettings(
            downloadIntervalInSeconds: 2, downloadRetryDelayInMinutes: 3, downloadMaxAttempts: 7,
            downloadTimeoutInSeconds: 60)
        #expect(file.workload == WorkloadSpec(
            component: "download-queue", variants: [.robust],
            configuration: QueueConfig(
                settings: settings, documentCount: 50, invalidDocumentCount: 5, documentByteCount: 8192,
                runFor: .seconds(7200))))
    }
}

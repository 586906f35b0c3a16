import ChaosNet
import Testing

/// Failure rules: faults as data that fire on exactly the operations they describe.
@Suite struct SimFailureRuleTests {
    @Test func theThirdWriteFailsWithNoSpaceAndOnlyIt() async throws {
        let fs = SimFileSystem()
        let name = fs.injectFailure([.write], error: .noSpace, skipCount: 2, fireCountMax: 1)
        try await fs.writeFile(at: "/1", contents: [1])
        try await fs.writeFile(at: "/2", contents: [2])
        await #expect(throws: FileSystemError.noSpace(path: "/3", needed: 2, available: Int.max - 2)) {
            try await fs.writeFile(at: "/3", contents: [3, 3])
        }
        try await fs.writeFile(at: "/4", contents: [4])
        // Opening succeeded before the write failed: an empty file is left behind.
        #expect(try fs.snapshot().entry(at: "3")?.size == 0)
        #expect(fs.counters.injectedFailures == 1)
        let counts = fs.faultPlan.operationCounts(ofFault: name)
        #expect(counts.matched == 4)
        #expect(counts.fired == 1)
    }

    @Test func rulesMatchWholePathComponentsBelowTheirPrefix() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/data/sub", withIntermediates: true)
        try await fs.createDirectory(at: "/database")
        fs.injectFailure([.openForWriting], pathPrefix: "/data", error: .ioError(message: "nfs: server not responding"))
        try await fs.writeFile(at: "/database/f", contents: [1])
        await #expect(throws: FileSystemError.ioError(path: "/data/sub/f", message: "nfs: server not responding")) {
            try await fs.writeFile(at: "/data/sub/f", contents: [1])
        }
        #expect(await !fs.exists(at: "/data/sub/f"))
    }

    @Test func aRenameMatchesEitherPathAndTheFirstRuleWins() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/staging")
        try await fs.createDirectory(at: "/services")
        try await fs.writeFile(at: "/staging/x", contents: [1])
        let first = fs.injectFailure([.rename], pathPrefix: "/services", error: .permissionDenied)
        let second = fs.injectFailure([.rename], error: .ioError(message: "second"))
        await #expect(throws: FileSystemError.permissionDenied(path: "/staging/x")) {
            try await fs.rename(from: "/staging/x", to: "/services/x")
        }
        #expect([first, second].map { fs.faultPlan.operationCounts(ofFault: $0).matched } == [1, 1])
        #expect([first, second].map { fs.faultPlan.operationCounts(ofFault: $0).fired } == [1, 0])
        fs.removeFailureRule(named: first)
        await #expect(throws: FileSystemError.ioError(path: "/staging/x", message: "second")) {
            try await fs.rename(from: "/staging/x", to: "/services/x")
        }
        fs.removeAllFailureRules()
        try await fs.rename(from: "/staging/x", to: "/services/x")
    }

    @Test func aFailingCloseStillClosesTheHandle() async throws {
        let fs = SimFileSystem()
        var reported: [String] = []
        fs.onFailureInjected = { kind, path, error in reported.append("\(kind) \(path) \(error.errnoName)") }
        fs.injectFailure([.close], error: .ioError(message: "delayed write failed"))
        let handle = try await fs.openForWriting(at: "/f")
        try await handle.append([1, 2, 3])
        await #expect(throws: FileSystemError.ioError(path: "/f", message: "delayed write failed")) {
            try await handle.close()
        }
        try await handle.close()
        #expect(fs.openHandleCount == 0)
        #expect(reported == ["close /f EIO"])
    }

    @Test func aFailedSyncLeavesTheDataUnsynced() async throws {
        let fs = SimFileSystem()
        fs.injectFailure([.sync], error: .ioError(message: "fsync failed"), fireCountMax: 1)
        try await fs.writeFile(at: "/f", contents: [1])
        await #expect(throws: FileSystemError.ioError(path: "/f", message: "fsync failed")) {
            try await fs.syncFile(at: "/f")
        }
        fs.crash()
        #expect(try await fs.readFile(at: "/f").isEmpty)
    }

    @Test func probabilisticRulesDrawFromTheInjectedGeneratorDeterministically() async throws {
        func failures(seed: UInt64) async -> [Int] {
            let fs = SimFileSystem(random: TestRandom(seed: seed))
            fs.injectFailure([.attributes], error: .ioError(message: "flaky"), probability: 0.3)
            var failed: [Int] = []
            for index in 0..<200 where await !fs.exists(at: "/") {
                failed.append(index)
            }
            return failed
        }
        let first = await failures(seed: 42)
        #expect(first == (await failures(seed: 42)), "seed 42 drew differently twice")
        #expect(first != (await failures(seed: 43)), "seeds 42 and 43 drew the same failures")
        #expect((30...90).contains(first.count))
    }

    @Test func everyOperationKindCanBeTargeted() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/d")
        try await fs.writeFile(at: "/d/f", contents: [1])
        try await fs.createSymlink(at: "/d/l", target: "f")
        fs.injectFailure(Set(SimFileSystem.OperationKind.allCases), pathPrefix: "/d", error: .notFound)
        let attempts: [() async throws -> Void] = [
            { try await fs.createDirectory(at: "/d/x") },
            { try await fs.writeFile(at: "/d/f", contents: [2]) },
            { _ = try await fs.readFile(at: "/d/f") },
            { try await fs.syncFile(at: "/d/f") },
            { try await fs.createSymlink(at: "/d/m", target: "f") },
            { _ = try await fs.readSymlink(at: "/d/l") },
            { _ = try await fs.attributes(at: "/d/f") },
            { try await fs.setPermissions(at: "/d/f", mode: 0o600) },
            { try await fs.removeItem(at: "/d/f") },
            { try await fs.removeTree(at: "/d") },
            { try await fs.rename(from: "/d/f", to: "/g") },
            { _ = try await fs.listDirectory(at: "/d") },
            { try await fs.syncDirectory(at: "/d") },
        ]
        for attempt in attempts {
            await #expect(throws: FileSystemError.self) { try await attempt() }
        }
        #expect(fs.counters.injectedFailures == attempts.count)
        #expect(try fs.snapshot().paths == ["d", "d/f", "d/l"])
    }
}



import ChaosNet
import Testing

/// Storage shortcuts of `SimFileSystem` that must not be observable.
@Suite struct SimStorageTests {
    @Test("a whole-file read is a value: later writes do not change it")
    func wholeReadIsAValue() async throws {
        let fileSystem = SimFileSystem()
        let handle = try await fileSystem.openForWriting(at: "/file")
        try await handle.append([1, 2, 3])
        let whole = try await fileSystem.readFile(at: "/file", offset: 0, count: 1 << 20)
        try await handle.append([4])
        try await handle.close()
        #expect(whole == [1, 2, 3])
        #expect(try await fileSystem.readFile(at: "/file", offset: 0, count: 10) == [1, 2, 3, 4])
        #expect(try await fileSystem.readFile(at: "/file", offset: 1, count: 2) == [2, 3])
        #expect(fileSystem.counters.bytesRead == 9)
    }

    @Test("a capacity hint changes no content, size or counter", arguments: [0, 2, 1 << 40])
    func capacityHintIsInvisible(hint: Int) async throws {
        let hinted = SimFileSystem(capacityBytes: 1_000)
        let plain = SimFileSystem(capacityBytes: 1_000)
        for fileSystem in [hinted, plain] {
            let handle = try await fileSystem.openForWriting(at: "/file")
            if fileSystem === hinted { handle.reserveCapacity(forAppending: hint) }
            try await handle.append([1, 2, 3])
            try await handle.close()
        }
        #expect(try await hinted.readFile(at: "/file") == plain.readFile(at: "/file"))
        #expect(try await hinted.attributes(at: "/file") == plain.attributes(at: "/file"))
        #expect(hinted.counters == plain.counters)
        #expect(hinted.availableBytes == plain.availableBytes)
    }
}

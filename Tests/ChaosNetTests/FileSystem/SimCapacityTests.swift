import ChaosNet
import Testing

/// Capacity limits: ENOSPC at the exact byte, partial writes, released space, inode exhaustion.
@Suite struct SimCapacityTests {
    @Test func theLastByteFitsAndTheNextOneDoesNot() async throws {
        let fs = SimFileSystem(capacityBytes: 100)
        try await fs.writeFile(at: "/a", contents: [UInt8](repeating: 1, count: 60))
        try await fs.writeFile(at: "/b", contents: [UInt8](repeating: 2, count: 40))
        #expect(fs.availableBytes == 0)
        await #expect(throws: FileSystemError.noSpace(path: "/c", needed: 1, available: 0)) {
            try await fs.writeFile(at: "/c", contents: [3])
        }
        // The file was created before the data failed to fit: an empty leftover, as on a real disk.
        #expect(try await fs.attributes(at: "/c").size == 0)
    }

    @Test func aWriteThatDoesNotFitStoresThePrefixThatDoes() async throws {
        let fs = SimFileSystem(capacityBytes: 100)
        await #expect(throws: FileSystemError.noSpace(path: "/big", needed: 101, available: 100)) {
            try await fs.writeFile(at: "/big", contents: [UInt8](repeating: 7, count: 101))
        }
        #expect(try await fs.readFile(at: "/big") == [UInt8](repeating: 7, count: 100))
        #expect(fs.counters.bytesWritten == 100)
    }

    @Test func handlesFillUpTheSameWay() async throws {
        let fs = SimFileSystem(capacityBytes: 10)
        let handle = try await fs.openForWriting(at: "/stream")
        try await handle.append([UInt8](repeating: 1, count: 8))
        await #expect(throws: FileSystemError.noSpace(path: "/stream", needed: 4, available: 2)) {
            try await handle.append([UInt8](repeating: 2, count: 4))
        }
        try await handle.close()
        #expect(try await fs.readFile(at: "/stream") == [1, 1, 1, 1, 1, 1, 1, 1, 2, 2])
    }

    @Test func removingAndOverwritingReleaseSpace() async throws {
        let fs = SimFileSystem(capacityBytes: 10)
        try await fs.writeFile(at: "/a", contents: [UInt8](repeating: 1, count: 10))
        try await fs.writeFile(at: "/a", contents: [UInt8](repeating: 2, count: 10))
        try await fs.removeItem(at: "/a")
        #expect(fs.usedBytes == 0)
        try await fs.writeFile(at: "/b", contents: [UInt8](repeating: 3, count: 10))
        try await fs.rename(from: "/b", to: "/c")
        try await fs.writeFile(at: "/d", contents: [UInt8](repeating: 4, count: 0))
        try await fs.rename(from: "/d", to: "/c")
        #expect(fs.usedBytes == 0)
    }

    @Test func anUnlinkedOpenFileKeepsItsSpaceUntilClosed() async throws {
        let fs = SimFileSystem(capacityBytes: 10)
        let handle = try await fs.openForWriting(at: "/log")
        try await handle.append([UInt8](repeating: 1, count: 6))
        try await fs.removeItem(at: "/log")
        try await handle.append([UInt8](repeating: 1, count: 4))
        #expect(fs.usedBytes == 10)
        #expect(fs.openHandleCount == 1)
        try await handle.close()
        #expect(fs.usedBytes == 0)
        #expect(fs.openHandleCount == 0)
        #expect(fs.inodeCount == 1)
    }

    @Test func runningOutOfInodesIsNoSpace() async throws {
        let fs = SimFileSystem(inodeCountMax: 3)
        try await fs.createDirectory(at: "/d")
        try await fs.writeFile(at: "/d/f", contents: [])
        await #expect(throws: FileSystemError.noSpace(path: "/d/g", needed: 0, available: Int.max)) {
            try await fs.createSymlink(at: "/d/g", target: "f")
        }
        try await fs.removeItem(at: "/d/f")
        try await fs.createSymlink(at: "/d/g", target: "f")
    }
}

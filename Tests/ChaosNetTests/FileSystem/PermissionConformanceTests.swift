import ChaosNet
import Testing

/// Permission errors on both backends. Root ignores permission bits on a real disk, so the local backend only runs
/// when the tests do not run as root.
@Suite struct PermissionConformanceTests {
    static let backends: [Backend] = isRoot ? [.simulated] : Backend.allCases

    @Test(arguments: backends)
    func aDirectoryWithoutTheWriteBitRefusesNewEntries(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("locked"), mode: 0o500, withIntermediates: false)
            await #expect(throws: FileSystemError.permissionDenied(path: fixture.path("locked/f"))) {
                try await fs.writeFile(at: fixture.path("locked/f"), contents: [1])
            }
            await #expect(throws: FileSystemError.permissionDenied(path: fixture.path("locked/d"))) {
                try await fs.createDirectory(at: fixture.path("locked/d"))
            }
            try await fs.setPermissions(at: fixture.path("locked"), mode: 0o700)
        }
    }

    @Test(arguments: backends)
    func aDirectoryWithoutTheSearchBitCannotBeTraversed(_ backend: Backend) async throws {
        try await Fixture.with(backend) { fixture in
            let fs = fixture.fileSystem
            try await fs.createDirectory(at: fixture.path("pgdata"))
            try await fs.writeFile(at: fixture.path("pgdata/PG_VERSION"), contents: bytes("17"))
            try await fs.setPermissions(at: fixture.path("pgdata"), mode: 0o600)
            await #expect(throws: FileSystemError.permissionDenied(path: fixture.path("pgdata/PG_VERSION"))) {
                try await fs.readFile(at: fixture.path("pgdata/PG_VERSION"))
            }
            try await fs.setPermissions(at: fixture.path("pgdata"), mode: 0o700)
        }
    }
}

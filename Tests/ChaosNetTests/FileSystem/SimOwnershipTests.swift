import ChaosCore
import ChaosNet
import Testing

/// Users and groups: which permission bits apply, and who may give an entry away.
@Suite struct SimOwnershipTests {
    @Test func theOwnerGroupAndOtherBitsApplyByWhoTheProcessIs() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/pgdata", mode: 0o750, withIntermediates: false)
        try await fs.writeFile(at: "/pgdata/PG_VERSION", contents: Array("17\n".utf8), mode: 0o640)
        #expect(try await fs.attributes(at: "/pgdata").ownerID == fs.identity.userID)
        // Root gives the tree to postgres (105:105), as `sudo chown -R 105:105` does.
        fs.identity.userID = 0
        for path in ["/pgdata", "/pgdata/PG_VERSION"] {
            try await fs.setOwner(at: path, userID: 105, groupID: 105)
        }
        fs.identity.userID = 1000
        await #expect(throws: FileSystemError.permissionDenied(path: "/pgdata")) {
            _ = try await fs.listDirectory(at: "/pgdata")
        }
        await #expect(throws: FileSystemError.permissionDenied(path: "/pgdata")) {
            try await fs.setPermissions(at: "/pgdata", mode: 0o755)
        }
        // In postgres's group, the group bits (r-x, r--) apply.
        fs.identity.groupIDs = [1000, 105]
        #expect(try await fs.listDirectory(at: "/pgdata") == ["PG_VERSION"])
        #expect(try await fs.readFile(at: "/pgdata/PG_VERSION") == Array("17\n".utf8))
        await #expect(throws: FileSystemError.permissionDenied(path: "/pgdata/x")) {
            try await fs.writeFile(at: "/pgdata/x", contents: [1])
        }
        // A non-root process may not give its own entries away, nor take others'.
        await #expect(throws: FileSystemError.permissionDenied(path: "/pgdata")) {
            try await fs.setOwner(at: "/pgdata", userID: 1000, groupID: 1000)
        }
        try await fs.writeFile(at: "/mine", contents: [1])
        await #expect(throws: FileSystemError.permissionDenied(path: "/mine")) {
            try await fs.setOwner(at: "/mine", userID: 105, groupID: 1000)
        }
        // It may move its own entry to one of its groups.
        try await fs.setOwner(at: "/mine", userID: 1000, groupID: 105)
        #expect(try await fs.attributes(at: "/mine").groupID == 105)
    }

    @Test func rootPassesEveryPermissionCheck() async throws {
        let fs = SimFileSystem()
        try await fs.createDirectory(at: "/private", mode: 0o700, withIntermediates: false)
        try fs.setForeignOwner(at: "/private")
        await #expect(throws: FileSystemError.permissionDenied(path: "/private")) {
            _ = try await fs.listDirectory(at: "/private")
        }
        fs.identity.userID = 0
        #expect(try await fs.listDirectory(at: "/private").isEmpty)
        try await fs.setPermissions(at: "/private", mode: 0o755)
    }
}

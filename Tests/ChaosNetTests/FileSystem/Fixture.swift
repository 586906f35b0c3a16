import ChaosNet
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two implementations the shared scenarios run against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case simulated
    case local

    var testDescription: String { rawValue }
}

/// A fresh, empty directory on one backend: `/work` in a new `SimFileSystem`, or a new temporary directory.
struct Fixture {
    let fileSystem: any FileSystem
    let root: String
    /// The simulated file system, when that is the backend.
    let simulated: SimFileSystem?

    /// The absolute path of `relative` below the fixture's root.
    func path(_ relative: String) -> String { root + "/" + relative }

    /// Runs `body` on a fresh fixture and removes the temporary directory afterwards.
    static func with(
        _ backend: Backend, _ body: (Fixture) async throws -> Void
    ) async throws {
        switch backend {
        case .simulated:
            let simulated = SimFileSystem()
            try await simulated.createDirectory(at: "/work")
            try await body(Fixture(fileSystem: simulated, root: "/work", simulated: simulated))
        case .local:
            var template = Array("/tmp/simfs-test-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            #expect(made != nil)
            let root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let local = LocalFileSystem()
            do {
                try await body(Fixture(fileSystem: local, root: root, simulated: nil))
            } catch {
                try? await local.removeTree(at: root)
                throw error
            }
            try await local.removeTree(at: root)
        }
    }
}

extension Collection<UInt8> {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// The bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Whether the tests run as root, which bypasses permission bits on a real disk.
let isRoot = geteuid() == 0

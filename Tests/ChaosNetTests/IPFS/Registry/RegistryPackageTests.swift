import ChaosNet
import HTTPTypes
import Testing

@Suite("IPFS registry: seeded packages and determinism")
struct RegistryPackageTests {
    static let spec = IPFSPackageSpec(fileCount: 40, byteCount: 4 << 20, depthMax: 3, symlinkCount: 2)

    /// Seeds the package inside a simulation of `seed` and returns it.
    static func package(seed: UInt64, stream: String = "registry.package") throws -> IPFSPackage {
        let result = runRegistry(seed: seed) { _, registry, _ in try registry.seedPackage(spec, stream: stream) }
        return try #require(result.valueOrRecord())
    }

    @Test("a 4 MiB, 40-file package has the requested shape and names like lib/mod-3/file-17.bin")
    func shape() throws {
        let package = try Self.package(seed: 1)
        let files = package.tree.descendants.filter { if case .file = $0.tree { true } else { false } }
        let links = package.tree.descendants.filter { if case .symlink = $0.tree { true } else { false } }
        #expect(files.count == 40)
        #expect(links.count == 2)
        #expect(package.tree.fileByteCount == 4 << 20)
        let depths = files.map { $0.path.split(separator: "/").count - 1 }
        #expect(depths.max() ?? 0 <= 3)
        #expect(Set(depths).count > 1, "files sit at several depths: \(depths)")
        for (path, _) in files {
            let parts = path.split(separator: "/").map(String.init)
            #expect(parts.last!.hasPrefix("file-") && parts.last!.hasSuffix(".bin"), "\(path)")
            if parts.count > 1 { #expect(["lib", "bin", "share", "include"].contains(parts[0]), "\(path)") }
            if parts.count > 2 { #expect(parts[1].hasPrefix("mod-"), "\(path)") }
        }
        #expect(try importedNode(package.tree).cid == package.cid, "the root is what the importer computes")
    }

    @Test("packages are the same for the same seed and stream, and differ across seeds and streams")
    func determinism() throws {
        let first = try Self.package(seed: 42)
        let again = try Self.package(seed: 42)
        let otherSeed = try Self.package(seed: 43)
        let otherStream = try Self.package(seed: 42, stream: "other")
        #expect(first.cid == again.cid)
        #expect(first.tree == again.tree)
        #expect(first.cid != otherSeed.cid)
        #expect(first.cid != otherStream.cid)
    }

    @Test("a seeded package downloads through get as exactly its tree")
    func download() throws {
        let result = runRegistry(setup: { registry in
            registry.bodyPieceSize = 32 << 10
            _ = try registry.seedPackage(Self.spec)
        }) { _, registry, client in
            let cid = try #require(registry.pins.first)
            let package = try importedNode(IPFSPackageGenerator.tree(
                for: Self.spec, random: SeededRandom(seed: 1, name: "registry.package")))
            return (cid, package.cid, try await fetch(client, rpcRequest("get", "arg=\(cid)&archive=true")))
        }
        let (pinned, regenerated, reply) = try #require(result.valueOrRecord())
        #expect(pinned == regenerated, "the package depends only on the seed and the stream name")
        let tree = IPFSPackageGenerator.tree(for: Self.spec, random: SeededRandom(seed: 1, name: "registry.package"))
        let archive = readArchive(reply.body)
        #expect(archive.items == expectedArchive(tree, rootName: pinned.description))
        #expect(archive.completion == .endBlocks(paddingCount: 0))
    }

    /// A workload touching every part of the registry: seeding, add, get, cat, ls, the gateway and a lost block.
    static func workload(seed: UInt64) -> SimulationResult<[String]> {
        runRegistry(seed: seed, link: LinkConditions(latency: .milliseconds(3), jitter: .milliseconds(2))) {
            simulation, registry, client in
            registry.bodyPieceSize = 16 << 10
            let package = try registry.seedPackage(IPFSPackageSpec(fileCount: 12, byteCount: 700_000, depthMax: 2))
            let cids = try registry.dag.blockCIDs(under: package.cid)
            let random = simulation.random("test.lost-block")
            registry.loseBlock(cids[1 + random.uniform(below: cids.count - 1)])
            return try await withThrowingTaskGroup(of: String.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var upload = MultipartUpload()
                        upload.file("w\(worker).txt", Array("worker \(worker)\n".utf8))
                        upload.close()
                        let added = try await add(client, upload)
                        let get = try await fetch(client, rpcRequest("get", "arg=\(package.cid)"))
                        let ls = try await fetch(client, rpcRequest("ls", "arg=\(package.cid)"))
                        let raw = try await fetch(client, gatewayRequest("\(package.cid)?format=raw"))
                        return "\(worker): add \(added.status) get \(get.status) \(get.body.count) bytes"
                            + " error \(get.streamError ?? "-") ls \(ls.status) raw \(raw.status)"
                    }
                }
                var lines: [String] = []
                for try await line in group { lines.append(line) }
                return lines
            }
        }
    }

    @Test("the same seed gives the same trace digest and results; different seeds give different digests")
    func traceDigests() throws {
        var digests: Set<TraceDigest> = []
        for seed in UInt64(1)...3 {
            let first = Self.workload(seed: seed)
            let second = Self.workload(seed: seed)
            let lines = try #require(first.valueOrRecord(), "seed \(seed)")
            #expect(lines.count == 4, "seed \(seed)")
            #expect(first.digest == second.digest, "seed \(seed)")
            #expect(try first.value?.get() == second.value?.get(), "seed \(seed)")
            digests.insert(first.digest)
        }
        #expect(digests.count == 3)
    }
}

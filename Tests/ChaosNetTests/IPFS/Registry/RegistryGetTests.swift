import ChaosNet
import HTTPTypes
import Testing

@Suite("IPFS registry: get")
struct RegistryGetTests {
    @Test("get returns a tar that TarReader parses into exactly the added tree, ending in two zero blocks")
    func wholeTree() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in
            registry.bodyPieceSize = 10_240
            _ = try registry.add(tree)
        }) { _, _, client in
            let root = try importedNode(tree)
            return (root, try await fetch(client, rpcRequest("get", "arg=\(root.cid)&archive=true&compress=false")))
        }
        let (root, reply) = try #require(result.valueOrRecord())
        #expect(reply.status == 200)
        #expect(reply["X-Stream-Output"] == "1")
        #expect(reply["X-Content-Length"] == String(root.tsize), "a directory announces its cumulative size")
        #expect(reply["Trailer"] == "X-Stream-Error")
        #expect(reply["Transfer-Encoding"] == "chunked")
        #expect(reply.streamError == nil)
        let archive = readArchive(reply.body)
        let expected = expectedArchive(tree, rootName: root.cid.description)
        #expect(archive.items.count == expected.count)
        for (read, wanted) in zip(archive.items, expected) {
            #expect(read == wanted)
        }
        #expect(archive.completion == .endBlocks(paddingCount: 0))
        #expect(archive.endEventCount == 1)
        // Streamed in pieces of bodyPieceSize: many pieces, none larger.
        #expect(reply.pieceSizes.count >= reply.body.count / 10_240)
        #expect(reply.pieceSizes.allSatisfy { $0 <= 10_240 })
    }

    @Test("get of a sub-path names the root entry exactly as the argument; a single file announces its size")
    func subPaths() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in _ = try registry.add(tree) }) { _, _, client in
            let root = try importedNode(tree).cid
            return (
                root,
                try await fetch(client, rpcRequest("get", "arg=\(root)/lib&archive=true")),
                try await fetch(client, rpcRequest("get", "arg=/ipfs/\(root)/lib/big.bin/")),
                try await fetch(client, rpcRequest("get", "arg=\(root)/lib/current"))
            )
        }
        let (root, lib, big, link) = try #require(result.valueOrRecord())
        guard case let .directory(entries) = tree, let libTree = entries.first(where: { $0.name == "lib" })?.tree
        else {
            Issue.record("sample tree has no lib")
            return
        }
        #expect(readArchive(lib.body).items == expectedArchive(libTree, rootName: "\(root)/lib"))
        let bigItems = readArchive(big.body).items
        #expect(bigItems.map(\.entry) == [.file("\(root)/lib/big.bin", size: 600_000)])
        #expect(bigItems.first?.content == TestRandom.bytes(seed: 7, count: 600_000))
        #expect(big["X-Content-Length"] == "600000")
        let linkEntries = readArchive(link.body).items.map(\.entry)
        #expect(linkEntries == [.symlink("\(root)/lib/current", target: "mod-1/file-3.bin")])
        #expect(readArchive(link.body).completion == .endBlocks(paddingCount: 0))
    }

    @Test("a lost leaf in the middle of a file: 200, a clean chunked end, X-Stream-Error, a tar cut inside data")
    func lostLeafMidStream() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in
            registry.bodyPieceSize = 8_192
            _ = try registry.add(tree)
        }) { _, registry, client in
            let root = try importedNode(tree).cid
            // big.bin is three 256 KiB leaves under one node; lose the second leaf.
            let big = try registry.dag.resolve(IPFSPath("\(root)/lib/big.bin"))
            let lost = big.links[1].hash
            let removed = registry.loseBlock(lost)
            let reply = try await fetch(client, rpcRequest("get", "arg=\(root)&archive=true"))
            return (lost, removed, reply)
        }
        let (lost, removed, reply) = try #require(result.valueOrRecord())
        #expect(removed)
        #expect(reply.status == 200)
        #expect(reply.streamError == "ipld: could not find \(lost)")
        let archive = readArchive(reply.body)
        #expect(archive.error == .truncatedData(path: archive.items.last?.entry.path ?? "", expected: 600_000,
                                                got: 262_144))
        #expect(archive.items.map(\.entry.path).last?.hasSuffix("/lib/big.bin") == true)
        #expect(archive.endEventCount == 0)
    }

    @Test("a lost single-block file: the tar stops at a header boundary and readers see no error, only fewer entries")
    func lostFileAtHeaderBoundary() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in _ = try registry.add(tree) }) { _, registry, client in
            let root = try importedNode(tree).cid
            let file = try registry.dag.resolve(IPFSPath("\(root)/lib/mod-1/file-3.bin"))
            registry.loseBlock(file.cid)
            return (root, file.cid, try await fetch(client, rpcRequest("get", "arg=\(root)")))
        }
        let (root, lost, reply) = try #require(result.valueOrRecord())
        #expect(reply.status == 200)
        #expect(reply.streamError == "ipld: could not find \(lost)")
        let archive = readArchive(reply.body)
        // Silent truncation: a valid prefix of the archive, missing its end blocks and every entry from the lost one.
        #expect(archive.completion == .missingEndBlocks(zeroBlockCount: 0))
        let expected = expectedArchive(tree, rootName: root.description)
        let cut = try #require(expected.firstIndex { $0.entry.path.hasSuffix("/lib/mod-1/file-3.bin") })
        #expect(archive.items == Array(expected[..<cut]))
    }

    @Test("a lost root block is an error before the first byte: 500 with Kubo's JSON body")
    func lostRoot() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in _ = try registry.add(tree) }) { _, registry, client in
            let root = try importedNode(tree).cid
            registry.loseBlock(root)
            return (root, try await fetch(client, rpcRequest("get", "arg=\(root)")))
        }
        let (root, reply) = try #require(result.valueOrRecord())
        #expect(reply.status == 500)
        #expect(reply.text == "{\"Message\":\"ipld: could not find \(root)\",\"Code\":0,\"Type\":\"error\"}\n")
        #expect(reply.streamError == nil)
    }
}

import ChaosNet
import HTTPTypes
import Testing

@Suite("IPFS registry: RPC framing, version, cat, ls and errors")
struct RegistryRPCTests {
    static let exposeHeaders = "X-Stream-Output, X-Chunked-Output, X-Content-Length"

    @Test("version answers 0.6.0 as a single chunked JSON value with Kubo's headers")
    func version() throws {
        let result = runRegistry { _, _, client in try await fetch(client, rpcRequest("version")) }
        let reply = try #require(result.valueOrRecord())
        #expect(reply.status == 200)
        #expect(reply.text.hasPrefix("{\"Version\":\"0.6.0\","))
        #expect(reply.text.hasSuffix("}\n"))
        #expect(reply["Transfer-Encoding"] == "chunked")
        #expect(reply["Trailer"] == "X-Stream-Error")
        #expect(reply["Access-Control-Expose-Headers"] == Self.exposeHeaders)
        #expect(reply["Content-Type"] == "application/json")
        #expect(reply["X-Stream-Output"] == nil)
        #expect(reply["X-Chunked-Output"] == nil)
        #expect(reply.streamError == nil)
    }

    @Test("GET and HEAD on the API are 405 with Allow; an unknown command is 404; OPTIONS is 204")
    func methodsAndUnknownCommands() throws {
        let root = HTTPRequest(method: .get, scheme: "http", authority: "registry:5001", path: "/x")
        let result = runRegistry { _, _, client in
            [
                try await fetch(client, rpcRequest("version", method: .get)),
                try await fetch(client, rpcRequest("cat", "arg=x", method: .head)),
                try await fetch(client, rpcRequest("no-such-command", method: .get)),
                try await fetch(client, rpcRequest("no-such-command")),
                try await fetch(client, rpcRequest("pin/add")),
                try await fetch(client, rpcRequest("version", method: .options)),
                try await fetch(client, root),
            ]
        }
        let replies = try #require(result.valueOrRecord())
        #expect(replies.map(\.status) == [405, 405, 405, 404, 404, 204, 404])
        for reply in replies[0..<3] {
            #expect(reply["Allow"] == "OPTIONS, POST")
        }
        #expect(replies[0].text == "405 - Method Not Allowed\n")
        #expect(replies[1].body.isEmpty, "a HEAD reply has no body")
        #expect(replies[3].text == "404 page not found")
        #expect(replies[4].text == "404 page not found")
        #expect(replies[5]["Allow"] == "OPTIONS, POST")
        #expect(replies[6].text == "404 page not found\n")
    }

    @Test("cat streams a window of a multi-level file exactly, with X-Content-Length of the window")
    func catWindows() throws {
        // 2,000-byte chunks make a 500 KB file a two-level DAG, so windows cross leaf and subtree boundaries.
        let content = TestRandom.bytes(seed: 11, count: 500_000)
        let options = UnixFSImportOptions(chunkSize: 2_000)
        let windows: [(offset: Int, length: Int?)] = [
            (0, nil), (0, 1), (1_999, 2), (348_000, 1), (347_999, 4_002), (123_456, 100_000), (499_999, nil),
            (500_000, nil), (10, 0), (400_000, 1_000_000),
        ]
        let result = runRegistry(setup: { registry in
            registry.bodyPieceSize = 4_096
            _ = try registry.add(.file(content), options: options)
        }) { _, _, client in
            let cid = try importedNode(.file(content), options: options).cid
            var replies: [Reply] = []
            for (offset, length) in windows {
                let query = "arg=\(cid)&offset=\(offset)" + (length.map { "&length=\($0)" } ?? "")
                replies.append(try await fetch(client, rpcRequest("cat", query)))
            }
            return replies
        }
        let replies = try #require(result.valueOrRecord())
        for ((offset, length), reply) in zip(windows, replies) {
            let end = min(content.count, offset + (length ?? content.count))
            let expected = Array(content[offset..<end])
            #expect(reply.status == 200, "offset \(offset) length \(String(describing: length))")
            #expect(reply.body == expected, "offset \(offset) length \(String(describing: length))")
            #expect(reply["X-Content-Length"] == String(expected.count))
            #expect(reply["X-Stream-Output"] == "1")
            #expect(reply.streamError == nil)
        }
        #expect(replies[0].pieceSizes.max() ?? 0 <= 4_096, "pieces are at most bodyPieceSize")
    }

    @Test("cat of a directory, a symlink, an offset past the end and missing content are 500 JSON errors")
    func catErrors() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in _ = try registry.add(tree) }) { _, _, client in
            let root = try importedNode(tree).cid
            let absent = try importedNode(.file(Array("not added".utf8))).cid
            return [
                try await fetch(client, rpcRequest("cat", "arg=\(root)")),
                try await fetch(client, rpcRequest("cat", "arg=\(root)/lib/current")),
                try await fetch(client, rpcRequest("cat", "arg=\(root)/README.md&offset=10")),
                try await fetch(client, rpcRequest("cat", "arg=\(absent)")),
                try await fetch(client, rpcRequest("cat", "arg=\(root)/lib/nope")),
            ]
        }
        let replies = try #require(result.valueOrRecord())
        #expect(replies.map(\.status) == [500, 500, 500, 500, 500])
        #expect(replies[0].text == "{\"Message\":\"this dag node is a directory\",\"Code\":0,\"Type\":\"error\"}\n")
        #expect(replies[1].text.contains("not a regular file"))
        // Go's JSON encoder writes ">" as \u003e, and so does the registry.
        #expect(replies[2].text.contains("offset was past the end of file (10 \\u003e 9)"))
        #expect(replies[3].text.contains("ipld: could not find Qm"))
        #expect(replies[4].text.contains("no link named \\\"nope\\\" under Qm"))
        for reply in replies {
            #expect(reply["Trailer"] == "X-Stream-Error")
            #expect(reply["Transfer-Encoding"] == "chunked")
            #expect(reply["Content-Type"] == "application/json")
        }
    }

    @Test("bad arguments are 400: a missing arg, an invalid CID, a bad number or boolean, a bad escape")
    func badArguments() throws {
        let cid = "QmdFyxZXsFiP4csgfM5uPu99AvFiKH62CSPDw5TP92nr7w"
        let result = runRegistry { _, _, client in
            [
                try await fetch(client, rpcRequest("cat")),
                try await fetch(client, rpcRequest("cat", "arg=QmNotACid")),
                try await fetch(client, rpcRequest("get", "arg=bafyINVALID")),
                try await fetch(client, rpcRequest("cat", "arg=\(cid)&offset=-1")),
                try await fetch(client, rpcRequest("cat", "arg=\(cid)&length=x")),
                try await fetch(client, rpcRequest("get", "arg=\(cid)&compress=yes")),
                try await fetch(client, rpcRequest("ls", "arg=%zz")),
            ]
        }
        let replies = try #require(result.valueOrRecord())
        #expect(replies.map(\.status) == Array(repeating: 400, count: 7))
        #expect(replies[0].text
            == "{\"Message\":\"argument \\\"ipfs-path\\\" is required\",\"Code\":1,\"Type\":\"error\"}\n")
        #expect(replies[1].text.contains("invalid path \\\"QmNotACid\\\""))
        #expect(replies[2].text.contains("invalid path"))
        #expect(replies[3].text.contains("cannot specify negative offset"))
        #expect(replies[4].text.contains("for option \\\"length\\\""))
        #expect(replies[5].text.contains("option \\\"compress\\\""))
        #expect(replies[6].text.contains("invalid URL escape"))
        for reply in replies {
            #expect(reply["Trailer"] == "X-Stream-Error")
            #expect(reply.text.hasSuffix(",\"Code\":1,\"Type\":\"error\"}\n"))
        }
    }

    @Test("ls lists a directory's links with resolved types and sizes, and a file with none")
    func ls() throws {
        let tree = sampleTree()
        let result = runRegistry(setup: { registry in _ = try registry.add(tree) }) { _, _, client in
            let root = try importedNode(tree).cid
            return (
                root,
                try await fetch(client, rpcRequest("ls", "arg=\(root)/lib")),
                try await fetch(client, rpcRequest("ls", "arg=\(root)/README.md&arg=\(root)/nothing"))
            )
        }
        let (root, lib, two) = try #require(result.valueOrRecord())
        let big = try importedNode(.file(TestRandom.bytes(seed: 7, count: 600_000))).cid
        let modTree = IPFSContentTree.directory([.init("file-3.bin", .file(TestRandom.bytes(seed: 8, count: 1_000)))])
        let mod = try importedNode(modTree).cid
        let link = try importedNode(.symlink(target: "mod-1/file-3.bin")).cid
        #expect(lib.status == 200)
        #expect(lib["X-Chunked-Output"] == "1")
        #expect(lib.lines == [
            "{\"Objects\":[{\"Hash\":\"\(root)/lib\",\"Links\":["
                + "{\"Name\":\"big.bin\",\"Hash\":\"\(big)\",\"Size\":600000,\"Type\":2,\"Target\":\"\"},"
                + "{\"Name\":\"current\",\"Hash\":\"\(link)\",\"Size\":16,\"Type\":4,\"Target\":\"mod-1/file-3.bin\"},"
                + "{\"Name\":\"mod-1\",\"Hash\":\"\(mod)\",\"Size\":0,\"Type\":1,\"Target\":\"\"}]}]}",
        ])
        #expect(two.lines == [
            "{\"Objects\":[{\"Hash\":\"\(root)/README.md\",\"Links\":[]},{\"Hash\":\"\(root)/nothing\",\"Links\":[]}]}",
        ])
    }
}

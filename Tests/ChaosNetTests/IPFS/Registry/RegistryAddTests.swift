import ChaosNet
import HTTPTypes
import Testing

@Suite("IPFS registry: add")
struct RegistryAddTests {
    /// The NDJSON line Kubo writes for an added entry.
    static func line(_ name: String, _ node: ImportedNode) -> String {
        "{\"Name\":\"\(name)\",\"Hash\":\"\(node.cid)\",\"Size\":\"\(node.tsize)\"}"
    }

    @Test("single files get Kubo's CIDs, with default flags, raw leaves and CIDv1")
    func fileVectors() throws {
        let cases: [(content: String, query: String, cid: String)] = [
            ("hello world", "", "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD"),
            ("hello world\n", "pin=false", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"),
            ("IPFS\n", "cid-version=0", "QmdFyxZXsFiP4csgfM5uPu99AvFiKH62CSPDw5TP92nr7w"),
            ("", "", "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"),
            ("", "raw-leaves=true", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"),
            ("", "cid-version=1", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"),
            ("file1\n", "raw-leaves=true", "bafkreihm3rktn5z33luic3youqdsn326toaq3ekesmdvsa53sbrd3f5r3a"),
        ]
        let result = runRegistry { _, registry, client in
            var replies: [Reply] = []
            for (content, query, _) in cases {
                var upload = MultipartUpload()
                upload.file("hello.txt", Array(content.utf8))
                upload.close()
                replies.append(try await add(client, upload, query: query))
            }
            return (replies, registry.pins.map(\.description))
        }
        let (replies, pins) = try #require(result.valueOrRecord())
        for ((content, query, cid), reply) in zip(cases, replies) {
            #expect(reply.status == 200, "\(query): \(reply.text)")
            #expect(reply["X-Chunked-Output"] == "1")
            #expect(reply["Trailer"] == "X-Stream-Error")
            let node = UnixFSImporter.importFile(Array(content.utf8), options: try options(query)) { _ in }
            #expect(node.cid.description == cid, "the importer agrees with the vector")
            #expect(reply.lines == [Self.line("hello.txt", node)], "\(query)")
        }
        #expect(!pins.contains("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), "pin=false pins nothing")
        #expect(pins.contains("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD"))
    }

    private func options(_ query: String) throws -> UnixFSImportOptions {
        switch query {
        case "raw-leaves=true": UnixFSImportOptions(rawLeaves: true)
        case "cid-version=1": UnixFSImportOptions(cidVersion: .v1)
        default: UnixFSImportOptions()
        }
    }

    @Test("the mars/venus directory gets Kubo's CID, files reported first and the directory last")
    func planets() throws {
        let result = runRegistry { _, _, client in
            var upload = MultipartUpload()
            upload.directory("planets")
            upload.file("planets/venus.txt", Array("Hello Venus!\n".utf8))
            upload.file("planets/mars.txt", Array("Hello Mars!\n".utf8))
            upload.close()
            return try await add(client, upload)
        }
        let reply = try #require(result.valueOrRecord())
        #expect(reply.status == 200)
        let names = reply.lines.map { String($0.split(separator: "\"")[3]) }
        let hashes = reply.lines.map { String($0.split(separator: "\"")[7]) }
        #expect(names == ["planets/venus.txt", "planets/mars.txt", "planets"])
        #expect(hashes == [
            "QmU5kp3BH3B8tnWUU2Pikdb2maksBNkb92FHRr56hyghh4", "QmPrrHqJzto9m7SyiRzarwkqPcCSsKR2EB1AyqJfe8L8tN",
            "QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY",
        ])
    }

    @Test("a nested tree with symlinks, empty files and directories gets the importer's CIDs and is stored whole",
          arguments: ["", "cid-version=1", "raw-leaves=true&chunker=size-1000"])
    func nestedTree(query: String) throws {
        let tree = sampleTree()
        let options: UnixFSImportOptions = switch query {
        case "cid-version=1": UnixFSImportOptions(cidVersion: .v1)
        case "": UnixFSImportOptions()
        default: UnixFSImportOptions(rawLeaves: true, chunkSize: 1_000)
        }
        let result = runRegistry { _, registry, client in
            // Small upload pieces make part boundaries fall across network reads.
            let reply = try await add(client, MultipartUpload(tree, name: "pkg"), query: query, pieceSize: 777)
            let root = try importedNode(tree, options: options).cid
            let cat = try await fetch(client, rpcRequest("cat", "arg=\(root)/lib/big.bin"))
            return (reply, cat.body, registry.store.count)
        }
        let (reply, big, blockCount) = try #require(result.valueOrRecord())
        #expect(reply.status == 200, "\(reply.text)")
        let root = try importedNode(tree, options: options)
        #expect(reply.lines.last == Self.line("pkg", root))
        var expected: [String] = []
        var directories: [String] = []
        for (path, item) in tree.descendants {
            if case .directory = item { directories.append("pkg/" + path) } else {
                expected.append(Self.line("pkg/" + path, try importedNode(item, options: options)))
            }
        }
        // Files in upload order; then directories after their content, children in name order.
        #expect(Array(reply.lines.prefix(expected.count)) == expected)
        let directoryNames = reply.lines.dropFirst(expected.count).map { String($0.split(separator: "\"")[3]) }
        #expect(directoryNames == ["pkg/lib/mod-1", "pkg/lib", "pkg/nothing", "pkg"])
        #expect(directories.count == 3)
        #expect(big == TestRandom.bytes(seed: 7, count: 600_000))
        #expect(blockCount > 5)
    }

    @Test("wrap-with-directory adds a nameless root; only-hash stores nothing")
    func wrapAndOnlyHash() throws {
        let result = runRegistry { _, registry, client in
            var upload = MultipartUpload()
            upload.file("a.txt", Array("a\n".utf8))
            upload.file("b b.txt", Array("b\n".utf8))
            upload.close()
            let wrapped = try await add(client, upload, query: "wrap-with-directory=true&only-hash=true")
            let stored = registry.store.count
            let plain = try await add(client, upload, query: "pin=true")
            return (wrapped, stored, plain, registry.store.count, registry.pins.map(\.description))
        }
        let (wrapped, storedAfterOnlyHash, plain, storedAfterAdd, pins) = try #require(result.valueOrRecord())
        let a = UnixFSImporter.importFile(Array("a\n".utf8)) { _ in }
        let b = UnixFSImporter.importFile(Array("b\n".utf8)) { _ in }
        var builder = UnixFSDirectoryBuilder()
        try builder.add(name: "a.txt", node: a)
        try builder.add(name: "b b.txt", node: b)
        let wrapper = builder.finish { _ in }
        #expect(wrapped.lines == [Self.line("a.txt", a), Self.line("b b.txt", b), Self.line("", wrapper)])
        #expect(storedAfterOnlyHash == 0)
        #expect(plain.lines == [Self.line("a.txt", a), Self.line("b b.txt", b)])
        #expect(storedAfterAdd == 2)
        #expect(pins == [a.cid.description, b.cid.description])
    }

    @Test("malformed uploads are 400 with a message that says what was wrong, and store nothing")
    func malformedUploads() throws {
        func upload(_ build: (inout MultipartUpload) -> Void) -> MultipartUpload {
            var upload = MultipartUpload()
            build(&upload)
            return upload
        }
        let cases: [(upload: MultipartUpload, contentType: String?, query: String, message: String)] = [
            (upload { $0.file("a", [1]); $0.close() }, "text/plain", "", "expected multipart/form-data"),
            (upload { $0.file("a", [1]); $0.close() }, "multipart/form-data", "", "expected multipart/form-data"),
            (upload { $0.file("a", [1]) }, nil, "", "ended inside part 1, before the closing boundary"),
            (upload { $0.close() }, nil, "", "the upload contains no files"),
            (upload { $0.file("dir/a", [1]); $0.close() }, nil, "", "inside directory \\\"dir\\\", which no earlier"),
            (upload { $0.file("a", [1]); $0.file("a", [2]); $0.close() }, nil, "", "more than one part is named"),
            (upload { $0.file("../etc/passwd", [1]); $0.close() }, nil, "", "invalid file name \\\"../etc/passwd\\\""),
            (upload { $0.file("/abs", [1]); $0.close() }, nil, "", "it is absolute"),
            (upload { $0.part("x", type: nil, [1], disposition: "form-data; name=\"file\""); $0.close() }, nil, "",
             "malformed Content-Disposition header in multipart part 1"),
            (upload { $0.part("x", type: nil, [1], disposition: "form-data; filename=\"unterminated"); $0.close() },
             nil, "", "unterminated quoted value"),
            (upload { $0.file("a", [1]); $0.close() }, nil, "chunker=rabin", "unsupported chunker"),
            (upload { $0.file("a", [1]); $0.close() }, nil, "cid-version=2", "unsupported cid-version 2"),
            (upload { $0.file("a", [1]); $0.close() }, nil, "hash=blake2b-256", "only sha2-256"),
            (upload { $0.directory("d"); $0.file("d/" + String(repeating: "n", count: 256), [1]); $0.close() }, nil,
             "", "is 256 bytes, more than 255"),
        ]
        let result = runRegistry { _, registry, client in
            var replies: [Reply] = []
            for (upload, contentType, query, _) in cases {
                var request = rpcRequest("add", query)
                request.headerFields[.contentType] = contentType ?? upload.contentType
                replies.append(try await fetch(client, request, body: upload.bytes))
            }
            return (replies, registry.store.count)
        }
        let (replies, stored) = try #require(result.valueOrRecord())
        for (index, (reply, expected)) in zip(replies, cases).enumerated() {
            #expect(reply.status == 400, "case \(index): \(reply.text)")
            #expect(reply.text.contains(expected.message), "case \(index): \(reply.text)")
            #expect(reply.text.hasSuffix(",\"Code\":1,\"Type\":\"error\"}\n"), "case \(index)")
        }
        #expect(stored == 0)
    }

    @Test("multipart framing: a preamble, a quoted boundary, case-insensitive names, padding after a boundary")
    func framingVariants() throws {
        let boundary = "weird:boundary=(with)?punctuation"
        var body = Array("This is a preamble; the reader skips it.\r\n".utf8)
        body += Array("--\(boundary)   \r\n".utf8)
        body += Array("content-disposition: FORM-DATA; NAME=file; FILENAME=\"hello.txt\"\r\n\r\n".utf8)
        body += Array("hello world\r\n--\(boundary)--\r\nepilogue ignored".utf8)
        let upload = body
        let result = runRegistry { _, _, client in
            var request = rpcRequest("add")
            request.headerFields[.contentType] = "Multipart/Form-Data; boundary=\"\(boundary)\""
            return try await fetch(client, request, body: upload, pieceSize: 3)
        }
        let reply = try #require(result.valueOrRecord())
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.lines.count == 1)
        #expect(reply.text.contains("\"Hash\":\"Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD\""))
    }

    @Test("file content that contains boundary-like bytes survives intact")
    func boundaryLikeContent() throws {
        let upload = MultipartUpload()
        let tricky = Array("\r\n--\(upload.boundary)X\r\n--\(upload.boundary.prefix(10))\r\n-".utf8)
            + TestRandom.bytes(seed: 3, count: 5_000) + Array("\r\n--".utf8)
        let result = runRegistry { _, _, client in
            var upload = upload
            upload.file("tricky.bin", tricky)
            upload.close()
            let reply = try await add(client, upload, pieceSize: 5)
            let cid = UnixFSImporter.importFile(tricky) { _ in }.cid
            return (reply, try await fetch(client, rpcRequest("cat", "arg=\(cid)")))
        }
        let (reply, cat) = try #require(result.valueOrRecord())
        #expect(reply.status == 200, "\(reply.text)")
        #expect(cat.body == tricky)
    }
}

import Foundation
import ChaosNet
import Testing

@Suite("Interoperability with Python's tarfile")
struct PythonInteropTests {
    /// Streams an archive the way py ipfshttpclient does (`mode='r|'`, 10240-byte reads) and prints the
    /// members as JSON; then extracts it with the strict `data` filter to show the paths are acceptable.
    private static let listScript = """
        import json, sys, tarfile
        members = []
        with open(sys.argv[1], 'rb') as raw, tarfile.open(fileobj=raw, mode='r|', bufsize=10240) as archive:
            for member in archive:
                content = archive.extractfile(member).read().hex() if member.isreg() else ''
                members.append(dict(name=member.name, type=member.type.decode(), mode=member.mode,
                    size=member.size, link=member.linkname, uid=member.uid, gid=member.gid,
                    uname=member.uname, gname=member.gname, mtime=member.mtime, content=content))
        with tarfile.open(sys.argv[1]) as archive:
            archive.extractall(sys.argv[2], filter='data')
        json.dump(members, sys.stdout)
        """

    /// Writes the members described in a JSON file as an archive in the given tarfile format.
    private static let writeScript = """
        import io, json, sys, tarfile
        spec = json.load(open(sys.argv[1]))
        formats = dict(ustar=tarfile.USTAR_FORMAT, gnu=tarfile.GNU_FORMAT, pax=tarfile.PAX_FORMAT)
        with tarfile.open(sys.argv[2], 'w', format=formats[sys.argv[3]], encoding='utf-8') as archive:
            for item in spec:
                info = tarfile.TarInfo(item['path'])
                info.mode, info.mtime = item['mode'], 1234567890
                content = bytes.fromhex(item['content'])
                if item['kind'] == 'directory':
                    info.type = tarfile.DIRTYPE
                elif item['kind'] == 'symlink':
                    info.type, info.linkname = tarfile.SYMTYPE, item['target']
                else:
                    info.size = len(content)
                archive.addfile(info, io.BytesIO(content) if item['kind'] == 'file' else None)
        """

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 15)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func typeName(_ kind: TarEntry.Kind) -> String {
        switch kind {
        case .file: return "0"
        case .directory: return "5"
        case .symlink: return "2"
        }
    }

    @Test("Python streams and extracts what TarWriter writes, with uid/gid 0 and empty owner names")
    func pythonReadsOurArchive() throws {
        let items = SampleTrees.mixed()
        try withTemporaryDirectory { directory in
            let archive = try DiskTrees.write(try writeArchive(items), named: "ours.tar", in: directory)
            let destination = directory.appendingPathComponent("out")
            let run = try runTool(["python3", "-c", Self.listScript, archive.path, destination.path])
            #expect(run.status == 0, "\(run.standardError)")
            let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
            let members = try #require(object as? [[String: Any]])
            #expect(members.count == items.count)
            for (member, item) in zip(members, items) {
                let entry = item.entry
                #expect(member["name"] as? String == entry.path)
                #expect(member["type"] as? String == Self.typeName(entry.kind), "\(entry.path)")
                #expect(member["mode"] as? Int == Int(entry.mode), "\(entry.path)")
                #expect(member["size"] as? Int == Int(entry.size), "\(entry.path)")
                #expect(member["link"] as? String == entry.linkTarget, "\(entry.path)")
                #expect(member["uid"] as? Int == 0 && member["gid"] as? Int == 0, "\(entry.path)")
                #expect(member["uname"] as? String == "" && member["gname"] as? String == "", "\(entry.path)")
                #expect(member["mtime"] as? Int == 0, "\(entry.path)")
                #expect(member["content"] as? String == Self.hex(item.content), "\(entry.path)")
            }
            // The `data` filter deliberately leaves directory modes to the umask, so only file modes compare.
            try DiskTrees.expectMatches(items, under: destination, checkingDirectoryModes: false)
        }
    }

    @Test("TarReader reads what Python's tarfile writes", arguments: ["gnu", "pax", "ustar"])
    func weReadPythonArchives(format: String) throws {
        let items = format == "ustar" ? SampleTrees.ustarCompatible() : SampleTrees.mixed()
        let spec: [[String: Any]] = items.map { item in
            let kind: String
            switch item.entry.kind {
            case .file: kind = "file"
            case .directory: kind = "directory"
            case .symlink: kind = "symlink"
            }
            return [
                "path": item.entry.path, "kind": kind, "mode": Int(item.entry.mode),
                "target": item.entry.linkTarget, "content": Self.hex(item.content),
            ]
        }
        try withTemporaryDirectory { directory in
            let specURL = directory.appendingPathComponent("spec.json")
            try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
            let archive = directory.appendingPathComponent("theirs.tar")
            let run = try runTool(["python3", "-c", Self.writeScript, specURL.path, archive.path, format])
            #expect(run.status == 0, "\(run.standardError)")
            let outcome = readArchive(try DiskTrees.read(archive), fragmentSizes: [4093])
            #expect(outcome.endEventCount == 1)
            #expect(outcome.items.allSatisfy { $0.entry.mtime == 1_234_567_890 })
            // tarfile stores directories as "name/", which TarReader reports as stored.
            let read = outcome.items.map { item in
                var item = item
                item.entry.mtime = 0
                if item.entry.kind == .directory {
                    #expect(item.entry.path.hasSuffix("/"))
                    item.entry.path.removeLast()
                }
                return item
            }
            #expect(read == items, "\(format)")
            guard case .endBlocks? = outcome.completion else {
                Issue.record("\(format): \(outcome.result)")
                return
            }
        }
    }

    @Test("Python silently accepts a cut at an entry boundary but not one inside content")
    func pythonAndTruncation() throws {
        let items = [SampleTrees.file("a", count: 10, seed: 1), SampleTrees.file("b", count: 700, seed: 2)]
        let archive = try writeArchive(items)
        let script = """
            import sys, tarfile
            with tarfile.open(sys.argv[1], mode='r|') as archive:
                for member in archive:
                    archive.extractfile(member).read()
                    print(member.name)
            """
        try withTemporaryDirectory { directory in
            let boundary = try DiskTrees.write(Array(archive[..<1024]), named: "cut.tar", in: directory)
            let accepted = try runTool(["python3", "-c", script, boundary.path])
            #expect(accepted.status == 0 && accepted.standardOutput == "a\n", "\(accepted.standardError)")
            #expect(readArchive(Array(archive[..<1024])).completion == .missingEndBlocks(zeroBlockCount: 0))
            let inside = try DiskTrees.write(Array(archive[..<(1024 + 512 + 100)]), named: "data.tar", in: directory)
            let refused = try runTool(["python3", "-c", script, inside.path])
            #expect(refused.status != 0)
            #expect(
                readArchive(Array(archive[..<(1024 + 512 + 100)])).error
                    == .truncatedData(path: "b", expected: 700, got: 100))
        }
    }
}

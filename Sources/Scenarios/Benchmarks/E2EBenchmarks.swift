import ChaosNet

/// The end-to-end benchmark workloads behind `chaos-run bench e2e`.
public enum E2EBenchmarks {
    public struct CIDResult: Sendable {
        public var bytes: Int
        public var cid: String
        public var wallSeconds: Double
        public var mebibytesPerSecond: Double { Double(bytes) / 1_048_576 / wallSeconds }
    }

    /// The CID of `byteCount` bytes of pseudo-random content with Kubo's default options, timed over the import only
    /// (the content is generated first). Best of `runs`.
    public static func cid(byteCount: Int = 64 << 20, runs: Int = 3) -> CIDResult {
        let random = SeededRandom(seed: 1, name: "bench.cid")
        var content = [UInt8](repeating: 0, count: byteCount)
        content.withUnsafeMutableBytes { buffer in
            let words = buffer.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = random.next() }
        }
        var best = Double.infinity
        var cid = ""
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now  // determinism: ok (the benchmark measures its own wall time)
            var importer = UnixFSImporter()
            var offset = 0
            while offset < content.count {
                let end = min(content.count, offset + (1 << 20))
                importer.append(content[offset..<end], sink: { _ in })
                offset = end
            }
            cid = importer.finish(sink: { _ in }).cid.description
            best = min(best, (ContinuousClock.now - start).secondsDouble)
        }
        return CIDResult(bytes: byteCount, cid: cid, wallSeconds: best)
    }
}

@testable import ChaosNet
import Testing

/// The peer connections' frames: every kind reads back, in whatever pieces the bytes arrive, and bad bytes are
/// refused at the offset where they start.
@Suite struct PeerFrameTests {
    static let frames: [PeerFrame] = [
        .hello(node: 0xdead_beef_0000_0001, sharedID: 42), .data(stream: 4, bytes: [1, 2, 3][...]),
        .data(stream: 5, bytes: [][...]), .fin(stream: 8), .reset(stream: 9, code: 0x1234_5678_9abc), .ping,
        .close(isApp: true, code: 1, reason: "NodeConnection is forcing destruction"),
        .close(isApp: false, code: 0x0a, reason: ""),
    ]

    @Test func everyFrameReadsBackWhateverTheSplit() throws {
        var bytes: [UInt8] = []
        for frame in Self.frames { frame.encode(into: &bytes) }
        for split in 0...bytes.count {
            var decoder = PeerFrameDecoder()
            let decoded = try decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...])
            #expect(decoded == Self.frames, "split at \(split)")
            #expect(!decoder.hasPartialFrame)
        }
    }

    @Test func badBytesAreRefusedWhereTheyStart() {
        var bytes: [UInt8] = []
        PeerFrame.ping.encode(into: &bytes)
        bytes.append(0x77)
        var decoder = PeerFrameDecoder()
        #expect(throws: PeerFrameError(offset: 1, message: "unknown frame type 119")) { try decoder.feed(bytes[...]) }

        var oversized: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x02, 0x00, 0x00]
        oversized += [UInt8](repeating: 0, count: 4)
        var second = PeerFrameDecoder()
        #expect(throws: PeerFrameError(offset: 0, message: "a data frame of 131072 bytes (at most 65536)")) {
            try second.feed(oversized[...])
        }
        var third = PeerFrameDecoder()
        #expect(throws: PeerFrameError(offset: 0, message: "a close frame's application flag is 2")) {
            try third.feed([6, 2][...])
        }
    }
}

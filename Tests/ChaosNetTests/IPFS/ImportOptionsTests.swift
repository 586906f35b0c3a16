import ChaosNet
import Testing

@Suite("Kubo add flags")
struct ImportOptionsTests {
    @Test("CIDv1 implies raw leaves unless raw-leaves is given")
    func rawLeavesDefault() throws {
        #expect(UnixFSImportOptions().rawLeaves == false)
        #expect(UnixFSImportOptions(cidVersion: .v1).rawLeaves == true)
        #expect(UnixFSImportOptions(cidVersion: .v1, rawLeaves: false).rawLeaves == false)
        #expect(try UnixFSImportOptions(cidVersion: 1, rawLeaves: nil, chunker: "").rawLeaves == true)
        #expect(try UnixFSImportOptions(cidVersion: 0, rawLeaves: true, chunker: "size-1024").chunkSize == 1_024)
    }

    @Test("chunker values parse like Kubo's fixed-size chunker")
    func chunkers() throws {
        #expect(try UnixFSImportOptions.chunkSize(fromChunker: "") == 262_144)
        #expect(try UnixFSImportOptions.chunkSize(fromChunker: "default") == 262_144)
        #expect(try UnixFSImportOptions.chunkSize(fromChunker: "size-262144") == 262_144)
        #expect(try UnixFSImportOptions.chunkSize(fromChunker: "size-1048576") == 1_048_576)
        #expect(throws: UnixFSImportOptionsError.unsupportedChunker("rabin")) {
            try UnixFSImportOptions.chunkSize(fromChunker: "rabin")
        }
        #expect(throws: UnixFSImportOptionsError.invalidChunkSize("size-0")) {
            try UnixFSImportOptions.chunkSize(fromChunker: "size-0")
        }
        #expect(throws: UnixFSImportOptionsError.invalidChunkSize("size-12k")) {
            try UnixFSImportOptions.chunkSize(fromChunker: "size-12k")
        }
        #expect(throws: UnixFSImportOptionsError.invalidChunkSize("size-")) {
            try UnixFSImportOptions.chunkSize(fromChunker: "size-")
        }
        #expect(throws: UnixFSImportOptionsError.chunkSizeTooLarge("size-1048577", sizeMax: 1_048_576)) {
            try UnixFSImportOptions.chunkSize(fromChunker: "size-1048577")
        }
        let huge = "size-99999999999999999999999"
        #expect(throws: UnixFSImportOptionsError.chunkSizeTooLarge(huge, sizeMax: 1_048_576)) {
            try UnixFSImportOptions.chunkSize(fromChunker: huge)
        }
        #expect(throws: UnixFSImportOptionsError.unsupportedCIDVersion(2)) {
            try UnixFSImportOptions(cidVersion: 2, rawLeaves: nil, chunker: "")
        }
    }

    @Test("a custom chunk size changes the DAG")
    func chunkSizeMatters() {
        let file = [UInt8](repeating: 0, count: 1 << 20)
        let kubo = cidOfFile(file)
        let big = cidOfFile(file, options: UnixFSImportOptions(chunkSize: 1 << 20))
        #expect(kubo != big)
        #expect(big.tsize == 1 << 20 + 14)
    }
}

@testable import Scenarios
import Testing

struct PieceQueryTests {
    @Test("a piece request's fields come out of its path, in any order, the last of a repeated one kept")
    func fields() {
        let query = PieceQuery(path: "/piece/p7?inv=i12&space=s3&size=65536&receipt=4096")
        #expect(query?.digest == "p7" && query?.invocation == "i12" && query?.space == "s3")
        #expect(query?.size == 65536 && query?.receiptSize == 4096)
        let reordered = PieceQuery(path: "/piece/p7?receipt=1&other=x&size=0&space=a&inv=i1&inv=i2&flag")
        #expect(reordered?.invocation == "i2" && reordered?.size == 0 && reordered?.receiptSize == 1)
    }

    @Test("a path that is not a whole piece request is refused, not half read", arguments: [
        "/piece/p7", "/piece/?inv=i&space=s&size=1&receipt=1", "/pieces/p?inv=i&space=s&size=1&receipt=1",
        "/piece/p?inv=&space=s&size=1&receipt=1", "/piece/p?inv=i&space=s&size=-1&receipt=1",
        "/piece/p?inv=i&space=s&size=1x&receipt=1", "/piece/p?inv=i&space=s&size=1",
        "/piece/p?inv=i&space=s&size=1&receipt=99999999999999999999", "/piece/p?inv=i&size=1&receipt=1", "",
    ])
    func refused(path: String) {
        #expect(PieceQuery(path: path) == nil)
    }
}

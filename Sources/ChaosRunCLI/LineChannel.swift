import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking line-by-line reads and writes on file descriptors, for talking to worker processes from plain threads.
final class LineChannel {
    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    init(readingFrom input: Int32, writingTo output: Int32) {
        self.input = input
        self.output = output
    }

    /// The next line without its newline, or nil at end of file (the other side closed or died).
    func readLine() -> Data? {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: 10) {
                let line = Data(buffer[bufferStart..<newline])
                bufferStart = newline + 1
                if bufferStart > 1 << 16 {
                    buffer.removeFirst(bufferStart)
                    bufferStart = 0
                }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes `line` and a newline; false when the other side is gone.
    @discardableResult
    func writeLine(_ line: Data) -> Bool {
        var bytes = [UInt8](line)
        bytes.append(10)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}

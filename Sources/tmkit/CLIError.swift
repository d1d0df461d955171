import ArgumentParser
import Foundation

/// Prints `error` as one line on stderr, prefixed with `tmkit: `, and exits with `code`.
func fail(_ error: Error, code: Int32 = 1) -> Never {
    let message = "\(error)"
    FileHandle.standardError.write(Data("tmkit: \(message)\n".utf8))
    exit(code)
}

/// Buffered writes to standard output.
struct OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { exit(n < 0 && errno == EPIPE ? 0 : 1) }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

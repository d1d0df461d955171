import Foundation

/// Reads a text file (or standard input) in blocks of whole lines, so memory follows the
/// block size, not the file: what `tmkit segment` streams through the analysis.
///
/// It makes the checks `TextFileReader` makes: UTF-8 (a BOM is dropped) or UTF-16 with a
/// BOM, invalid UTF-8 is an error naming the byte offset in the file, a NUL byte refuses the
/// file as binary. A line longer than a block is cut after a sentence end followed by a
/// space, else after a space, else between two characters.
///
/// ```swift
/// let reader = try TextChunkReader(path: "book.txt")
/// while let block = try reader.next() { print(block.count) }
/// ```
public final class TextChunkReader {
    /// The file as named in errors (`<stdin>` for standard input).
    public let file: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let blockSize: Int
    private var buffer: [UInt8] = []
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    /// Line breaks, and characters since the last one, in the blocks served so far (for errors).
    private var linesServed = 0
    private var columnServed = 0
    private var atEnd = false
    private var started = false
    /// Text of a UTF-16 file, decoded whole and served in blocks.
    private var decoded: Substring?

    /// The default block: 2 MB of text.
    public static let defaultBlockSize = 2 << 20

    /// Opens `path` (`-` is standard input).
    public init(path: String, blockSize: Int = TextChunkReader.defaultBlockSize) throws {
        self.blockSize = max(blockSize, 64)
        if path == "-" {
            file = "<stdin>"
            fd = 0
            ownsDescriptor = false
            return
        }
        file = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw FormatError.unreadable(file: path, reason: "is a directory") }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw FormatError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next block of text, or nil at the end of the file.
    public func next() throws -> String? {
        if !started {
            started = true
            try fill(4)
            if buffer.count >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)) {
                try fillAll()
                decoded = Substring(try TextFileReader.decode(Data(buffer), file: file))
                buffer = []
            } else if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                buffer.removeFirst(3)
                bufferOffset = 3
            }
        }
        if decoded != nil { return nextDecoded() }
        try fill(blockSize)
        guard !buffer.isEmpty else { return nil }
        let cut = atEnd && buffer.count <= blockSize ? buffer.count : Self.cutPoint(buffer, limit: blockSize)
        let block = try buffer.withUnsafeBufferPointer { all -> String in
            let b = UnsafeBufferPointer(rebasing: all[0..<cut])
            if let nul = b.firstIndex(of: 0) {
                let (line, column) = TextFileReader.location(of: nul, in: b, lines: linesServed, column: columnServed)
                throw FormatError.binary(file: file, line: line, column: column, byteOffset: bufferOffset + nul)
            }
            if let bad = TextFileReader.firstInvalidUTF8(b) {
                throw TextFileReader.position(ofInvalid: bad, in: b, file: file, lines: linesServed, column: columnServed)
            }
            for byte in b {
                if byte == 0x0A { linesServed += 1; columnServed = 0 } else if byte & 0xC0 != 0x80 { columnServed += 1 }
            }
            return String(decoding: b, as: UTF8.self)
        }
        buffer.removeSubrange(0..<cut)
        bufferOffset += cut
        return block
    }

    /// Where to end a block of at most `limit` bytes of `b`: after its last line break; in a
    /// longer line after a sentence end and space, a space, or at a character boundary.
    static func cutPoint(_ b: [UInt8], limit: Int) -> Int {
        let end = min(limit, b.count)
        if let nl = b[0..<end].lastIndex(of: 0x0A) { return nl + 1 }
        let floor = end / 2
        var space: Int?
        var i = end - 1
        while i > floor {
            if b[i] == 0x20 {
                if space == nil { space = i + 1 }
                if b[i - 1] == 0x2E || b[i - 1] == 0x3F || b[i - 1] == 0x21 { return i + 1 }  // . ? !
            }
            i -= 1
        }
        if let space { return space }
        // Between two characters, not inside one nor before a Hangul vowel or final jamo.
        var k = end
        while k > 1 {
            let c = b[k]
            let isContinuation = c & 0xC0 == 0x80
            let isJamoTail = c == 0xE1 && k + 1 < b.count && (b[k + 1] == 0x85 || b[k + 1] == 0x86 || b[k + 1] == 0x87) && !(b[k + 1] == 0x85 && k + 2 < b.count && b[k + 2] < 0xA0)
            if !isContinuation && !isJamoTail { return k }
            k -= 1
        }
        return end
    }

    /// Reads until the buffer holds `count` bytes or the file ends.
    private func fill(_ count: Int) throws {
        guard !atEnd else { return }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while buffer.count < count + 1 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError.unreadable(file: file, reason: String(cString: strerror(errno)))
            }
            if n == 0 { atEnd = true; return }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    private func fillAll() throws {
        while !atEnd { try fill(buffer.count + (1 << 20)) }
    }

    private func nextDecoded() -> String? {
        guard let rest = decoded, !rest.isEmpty else { return nil }
        let scalars = rest.unicodeScalars
        var end = scalars.index(scalars.startIndex, offsetBy: blockSize / 2, limitedBy: scalars.endIndex) ?? scalars.endIndex
        if end < scalars.endIndex, let nl = scalars[..<end].lastIndex(of: "\n") { end = scalars.index(after: nl) }
        decoded = rest[end...]
        return String(rest[..<end])
    }
}

import Foundation

/// Reads a text file line by line in fixed-size chunks, so memory follows the longest line,
/// not the file. UTF-8 (a BOM is dropped); a UTF-16 file with a BOM is decoded whole first.
/// Lines come without their `\n` or `\r\n`, checked as UTF-8, with 1-based line numbers.
final class LineSource {
    let file: String
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let chunkSize = 1 << 20
    /// The number of the line last returned (1-based).
    private(set) var lineNumber = 0
    /// Set to decode lines from a legacy charset instead of UTF-8.
    var transcoder: Transcoder?
    /// Longest accepted line in bytes.
    static let lineLimit = 1 << 30

    /// Opens `path`; an empty file is `FormatError.empty`.
    init(path: String) throws {
        file = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw FormatError.unreadable(file: path, reason: "is a directory") }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw FormatError.unreadable(file: path, reason: "permission denied")
        }
        let head = try Self.readChunk(h, 4, file: path)
        if head.isEmpty { throw FormatError.empty(file: path) }
        if head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) {
            // UTF-16 with a BOM: decode whole (rare for these formats), then serve as UTF-8.
            try? h.close()
            buffer = Array(try TextFileReader.read(path).utf8)
            handle = nil
            atEnd = true
        } else {
            handle = h
            buffer = head
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        }
    }

    /// Serves lines of `data` already in memory (`file` names it in errors); UTF-16 with a BOM is decoded first.
    init(data: Data, file: String) throws {
        self.file = file
        handle = nil
        atEnd = true
        if data.isEmpty { throw FormatError.empty(file: file) }
        let b = [UInt8](data.prefix(3))
        if b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            buffer = Array(try TextFileReader.decode(data, file: file).utf8)
        } else {
            buffer = [UInt8](data)
            if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { position = 3 }
        }
    }

    deinit { try? handle?.close() }

    private static func readChunk(_ h: FileHandle, _ n: Int, file: String) throws -> [UInt8] {
        do {
            return Array(try h.read(upToCount: n) ?? Data())
        } catch {
            throw FormatError.unreadable(file: file, reason: "\(error.localizedDescription)")
        }
    }

    /// The next line's raw bytes, or nil at the end of the file.
    func nextBytes() throws -> ArraySlice<UInt8>? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var end = nl
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[position..<end]
                position = nl + 1
                lineNumber += 1
                return line
            }
            if atEnd || handle == nil {
                atEnd = true
                guard position < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[position..<end]
                position = buffer.count
                lineNumber += 1
                return line
            }
            if buffer.count - position > Self.lineLimit {
                throw FormatError.lineTooLong(file: file, line: lineNumber + 1, limit: Self.lineLimit)
            }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            let more = try Self.readChunk(handle!, chunkSize, file: file)
            if more.isEmpty { atEnd = true } else { buffer.append(contentsOf: more) }
        }
    }

    /// The next line as a string, or nil at the end; invalid UTF-8 is an error naming line and column.
    func nextLine() throws -> String? {
        guard let bytes = try nextBytes() else { return nil }
        return try decode(bytes)
    }

    /// Up to `count` bytes from the current position, without consuming them.
    func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - position < count, !atEnd, let handle {
            let more = try Self.readChunk(handle, chunkSize, file: file)
            if more.isEmpty { atEnd = true } else { buffer.append(contentsOf: more) }
        }
        return buffer[position..<min(buffer.count, position + count)]
    }

    /// Decodes a line's bytes as UTF-8 (or through `transcoder`), with an error naming this line on invalid bytes.
    func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        if let transcoder {
            let (utf8, offset) = transcoder.convert(bytes)
            guard let utf8 else {
                throw FormatError.malformed(file: file, line: lineNumber, column: offset + 1, reason: "invalid \(transcoder.charset) text")
            }
            return String(decoding: utf8, as: UTF8.self)
        }
        return try bytes.withUnsafeBufferPointer { buf in
            if let bad = TextFileReader.firstInvalidUTF8(buf) {
                let prefix = String(decoding: UnsafeBufferPointer(rebasing: buf[0..<bad]), as: UTF8.self)
                throw FormatError.invalidUTF8InLine(file: file, line: lineNumber, column: prefix.count + 1)
            }
            return String(decoding: buf, as: UTF8.self)
        }
    }
}

import Foundation

/// Reads text files strictly: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; invalid UTF-8
/// is an error naming its line and column, and a file with NUL bytes is refused as binary.
public enum TextFileReader {
    /// The text of the file at `path` (`-` is standard input).
    public static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw FormatError.unreadable(file: path, reason: "no such file")
            }
            if isDirectory.boolValue { throw FormatError.unreadable(file: path, reason: "is a directory") }
            guard let d = FileManager.default.contents(atPath: path) else {
                throw FormatError.unreadable(file: path, reason: "permission denied or I/O error")
            }
            data = d
        }
        return try decode(data, file: path == "-" ? "<stdin>" : path)
    }

    /// Decodes bytes as text, with the checks `read` makes.
    public static func decode(_ data: Data, file: String) throws -> String {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
                let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
                guard let s = String(data: data.dropFirst(2), encoding: encoding) else {
                    throw FormatError.unreadable(file: file, reason: "invalid UTF-16")
                }
                return s
            }
            var start = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
            if let nul = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: 0) {
                let b = UnsafeBufferPointer(rebasing: bytes[start...])
                let (line, column) = location(of: nul, in: b)
                throw FormatError.binary(file: file, line: line, column: column, byteOffset: start + nul)
            }
            if let bad = firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[start...])) {
                throw position(ofInvalid: bad, in: UnsafeBufferPointer(rebasing: bytes[start...]), file: file)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        }
    }

    /// The invalid UTF-8 at `bad` in `b` as an error naming its line and column (characters,
    /// 1-based), counting on from `lines` line breaks and `column` characters read before `b`.
    static func position(ofInvalid bad: Int, in b: UnsafeBufferPointer<UInt8>, file: String, lines: Int = 0, column: Int = 0) -> FormatError {
        let (line, col) = location(of: bad, in: b, lines: lines, column: column)
        return .invalidUTF8InLine(file: file, line: line, column: col)
    }

    /// The line and column (characters, both 1-based) of byte `index` of `b`, counting on from
    /// `lines` line breaks and `column` characters read before `b`.
    static func location(of index: Int, in b: UnsafeBufferPointer<UInt8>, lines: Int = 0, column: Int = 0) -> (line: Int, column: Int) {
        var line = lines + 1, col = column
        for byte in b[0..<index] {
            if byte == 0x0A { line += 1; col = 0 } else if byte & 0xC0 != 0x80 { col += 1 }
        }
        return (line, col + 1)
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; cp = UInt32(c & 0x1F); min = 0x80
            case 0xE0...0xEF: need = 2; cp = UInt32(c & 0x0F); min = 0x800
            case 0xF0...0xF4: need = 3; cp = UInt32(c & 0x07); min = 0x10000
            default: return i
            }
            if i + need >= n { return i }
            for k in 1...need {
                guard i + k < n else { return i }
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}

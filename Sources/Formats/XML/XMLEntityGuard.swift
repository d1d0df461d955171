import Foundation

/// Refuses XML whose DOCTYPE declares an external entity, before any parser sees it.
///
/// FoundationXML's `XMLParser` on Linux never calls the delegate's entity-declaration callbacks
/// and silently drops a reference to an external entity (and crashes on an unparsed `NDATA`
/// entity), so the document type declaration is scanned here instead. Refused, in the internal
/// subset: `<!ENTITY name SYSTEM|PUBLIC ...>` and `<!ENTITY % name SYSTEM|PUBLIC ...>`, and any
/// parameter-entity reference (`%name;`), since its replacement text could declare one.
/// An external DTD *reference* (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`) is allowed: it is never fetched.
public enum XMLEntityGuard {
    /// Why and where a document is refused (1-based line and column).
    public struct Refusal: Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let reason: String
    }

    /// The refusal for an XML document held in memory, or nil when it declares no external entity.
    public static func refusal(in data: Data) -> Refusal? {
        if case let .refused(r) = scan([UInt8](data), complete: true) { return r }
        return nil
    }

    /// The refusal for the XML file at `path`, reading only as far as the end of its DOCTYPE.
    public static func refusal(inFileAt path: String) throws -> Refusal? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        var chunk = 64 * 1024
        while true {
            let more = try handle.read(upToCount: chunk) ?? Data()
            bytes.append(contentsOf: more)
            let complete = more.count < chunk
            switch scan(bytes, complete: complete) {
            case .refused(let r): return r
            case .clean: return nil
            case .needMore: if complete { return nil }
            }
            chunk = min(chunk * 2, 16 << 20)
        }
    }

    enum Outcome: Equatable { case clean, needMore, refused(Refusal) }

    /// Scans the prolog of `raw` (a prefix of the document unless `complete`).
    static func scan(_ raw: [UInt8], complete: Bool) -> Outcome {
        var s = Scanner(bytes: utf8(raw))
        let result = s.prolog()
        if case .needMore = result, complete { return .clean }  // the parser reports the truncation
        return result
    }

    /// UTF-16 documents (BOM or `<?` pattern) are converted to UTF-8; ASCII-compatible ones are scanned as they are.
    private static func utf8(_ b: [UInt8]) -> [UInt8] {
        guard b.count >= 2 else { return b }
        var big: Bool?
        var start = 0
        if b[0] == 0xFE && b[1] == 0xFF { big = true; start = 2 }
        else if b[0] == 0xFF && b[1] == 0xFE { big = false; start = 2 }
        else if b[0] == 0x00 && b[1] == 0x3C { big = true }
        else if b[0] == 0x3C && b[1] == 0x00 { big = false }
        guard let big else { return b }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var k = start
        while k + 1 < b.count {
            let hi = UInt16(big ? b[k] : b[k + 1])
            let lo = UInt16(big ? b[k + 1] : b[k])
            units.append(hi << 8 | lo)
            k += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        mutating func prolog() -> Outcome {
            while true {
                skipSpace()
                guard i < bytes.count else { return .needMore }
                if has("<?") { guard skip(past: "?>") else { return .needMore }; continue }
                if has("<!--") { guard skip(past: "-->") else { return .needMore }; continue }
                if has("<!DOCTYPE") { i += 9; return doctype() }
                if couldBecome(["<?", "<!--", "<!DOCTYPE"]) { return .needMore }
                return .clean  // the root element (or something the parser will reject)
            }
        }

        /// After `<!DOCTYPE`: the name and external ID, then the internal subset if any.
        mutating func doctype() -> Outcome {
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { guard skipQuoted() else { return .needMore }; continue }
                if c == UInt8(ascii: ">") { return .clean }
                i += 1
                if c == UInt8(ascii: "[") { return internalSubset() }
            }
            return .needMore
        }

        mutating func internalSubset() -> Outcome {
            while true {
                skipSpace()
                guard i < bytes.count else { return .needMore }
                let at = i
                if bytes[i] == UInt8(ascii: "]") { return .clean }
                if has("<!--") { guard skip(past: "-->") else { return .needMore }; continue }
                if has("<?") { guard skip(past: "?>") else { return .needMore }; continue }
                if bytes[i] == UInt8(ascii: "%") {
                    i += 1
                    let name = readName()
                    return .refused(refusal(at, "parameter entity reference '%\(name);' is not allowed"))
                }
                if has("<!ENTITY") {
                    i += 8
                    skipSpace()
                    var parameter = false
                    if i < bytes.count, bytes[i] == UInt8(ascii: "%") { parameter = true; i += 1; skipSpace() }
                    let name = readName()
                    skipSpace()
                    if bytes.count - i < 6 { return .needMore }
                    if has("SYSTEM") || has("PUBLIC") {
                        let what = parameter ? "external parameter entity '%\(name)'" : "external entity '\(name)'"
                        return .refused(refusal(at, "\(what) is not allowed"))
                    }
                    i = at  // an internal entity: skip its whole declaration below
                }
                if has("<!") {
                    guard skipDeclaration() else { return .needMore }
                    continue
                }
                return .clean  // not a declaration: the parser reports it
            }
        }

        func refusal(_ offset: Int, _ reason: String) -> Refusal {
            var line = 1, column = 1
            var k = 0
            while k < offset {
                let c = bytes[k]
                if c == 0x0A || (c == 0x0D && (k + 1 >= bytes.count || bytes[k + 1] != 0x0A)) {
                    line += 1; column = 1
                } else if c & 0xC0 != 0x80 && c != 0x0D {
                    column += 1
                }
                k += 1
            }
            return Refusal(line: line, column: column, reason: reason)
        }

        func has(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard bytes.count - i >= n else { return false }
            let p = s.utf8Start
            for k in 0..<n where bytes[i + k] != p[k] { return false }
            return true
        }

        /// Whether the bytes left could still become one of `prefixes` when more data arrives.
        func couldBecome(_ prefixes: [String]) -> Bool {
            let rest = bytes[i...]
            return prefixes.contains { $0.utf8.count > rest.count && Array($0.utf8).starts(with: rest) }
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func skip(past end: StaticString) -> Bool {
            while i < bytes.count {
                if has(end) { i += end.utf8CodeUnitCount; return true }
                i += 1
            }
            return false
        }

        mutating func skipQuoted() -> Bool {
            let q = bytes[i]
            var k = i + 1
            while k < bytes.count {
                if bytes[k] == q { i = k + 1; return true }
                k += 1
            }
            return false
        }

        /// Skips a markup declaration up to its `>`, outside quoted literals.
        mutating func skipDeclaration() -> Bool {
            i += 2
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { guard skipQuoted() else { return false }; continue }
                i += 1
                if c == UInt8(ascii: ">") { return true }
            }
            return false
        }

        mutating func readName() -> String {
            let start = i
            let stops: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x3E, 0x22, 0x27, 0x25]  // space ; > " ' %
            while i < bytes.count, !stops.contains(bytes[i]) { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }
}

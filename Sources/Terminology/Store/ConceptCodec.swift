import Foundation
import TMCore

/// How the glossary store keeps a concept in `concepts.data`: a compact binary record (a
/// version byte, then every field in a fixed order; strings as a varint byte count and UTF-8,
/// optional values behind a presence byte, lists behind a varint count). Stores written by
/// tmkit before schema 3 hold JSON of `Concept`; `decode` still reads those, so an older store
/// needs no rewrite.
///
/// The record is several times cheaper to make and read than JSON through `Codable`, which
/// was most of the cost of compiling a large TBX. A blob that is cut short or holds a value
/// tmkit does not know is an error (`ConceptCodec.Damaged`), never a crash.
package enum ConceptCodec {
    /// The first byte of a binary record (JSON blobs begin with `{`).
    static let version: UInt8 = 1

    /// A blob that is not a concept record.
    struct Damaged: Error, CustomStringConvertible {
        var reason: String
        var description: String { "damaged concept record: \(reason)" }
    }

    // MARK: encoding

    package static func encode(_ c: Concept) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(256)
        w.bytes.append(version)
        w.optional(c.id)
        w.optional(c.subjectField)
        w.list(c.definitions) { w, d in
            w.string(d.language.code)
            w.string(d.text)
            w.optional(d.source)
        }
        w.list(c.notes) { w, n in w.string(n) }
        w.transactions(c.transactions)
        w.properties(c.properties)
        w.list(c.terms) { w, t in
            w.string(t.language.code)
            w.string(t.text)
            w.optional(t.status?.rawValue)
            w.optional(t.partOfSpeech?.rawValue)
            w.optional(t.termType)
            w.list(t.notes) { w, n in w.string(n) }
            w.optional(t.source)
            w.list(t.contexts) { w, x in
                w.string(x.text)
                w.optional(x.source)
                w.optional(x.parallel)
            }
            w.transactions(t.transactions)
            w.properties(t.properties)
            if let e = t.evidence {
                w.bytes.append(1)
                w.double(e.score)
                w.varint(e.count)
                w.varint(e.sourceCount)
                w.varint(e.targetCount)
            } else {
                w.bytes.append(0)
            }
        }
        return w.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: Int) {
            // Zigzag, so a negative count (never written by tmkit) still round-trips.
            var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { p in
                varint(p.count)
                bytes.append(contentsOf: p)
            }
        }

        mutating func optional(_ s: String?) {
            if let s {
                bytes.append(1)
                string(s)
            } else {
                bytes.append(0)
            }
        }

        mutating func double(_ d: Double) {
            var bits = d.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(bits & 0xFF))
                bits >>= 8
            }
        }

        mutating func list<T>(_ items: [T], _ body: (inout Writer, T) -> Void) {
            varint(items.count)
            for item in items { body(&self, item) }
        }

        mutating func transactions(_ items: [Transaction]) {
            list(items) { w, t in
                w.bytes.append(t.kind == .origination ? 0 : 1)
                w.optional(t.user)
                w.optional(t.date)
                w.optional(t.note)
            }
        }

        mutating func properties(_ items: [Property]) {
            list(items) { w, p in
                w.string(p.element)
                w.string(p.type)
                w.string(p.value)
                w.optional(p.target)
                w.optional(p.language?.code)
            }
        }
    }

    // MARK: decoding

    /// The concept in `bytes`: a binary record, or JSON as schema 2 stored it.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Concept {
        guard let first = bytes.first else { throw Damaged(reason: "empty") }
        if first == UInt8(ascii: "{") {
            return try JSONDecoder().decode(Concept.self, from: Data(bytes))
        }
        guard first == version else { throw Damaged(reason: "unknown record version \(first)") }
        var r = Reader(bytes: bytes, offset: 1)
        var c = Concept()
        c.id = try r.optional()
        c.subjectField = try r.optional()
        c.definitions = try r.list { r in
            Definition(language: try r.language(), text: try r.string(), source: try r.optional())
        }
        c.notes = try r.list { r in try r.string() }
        c.transactions = try r.transactions()
        c.properties = try r.properties()
        c.terms = try r.list { r in
            var t = Term(language: try r.language(), text: try r.string())
            if let s = try r.optional() {
                guard let status = TermStatus(rawValue: s) else { throw Damaged(reason: "unknown status \(s)") }
                t.status = status
            }
            if let p = try r.optional() {
                guard let pos = PartOfSpeech(rawValue: p) else { throw Damaged(reason: "unknown part of speech \(p)") }
                t.partOfSpeech = pos
            }
            t.termType = try r.optional()
            t.notes = try r.list { r in try r.string() }
            t.source = try r.optional()
            t.contexts = try r.list { r in Context(text: try r.string(), source: try r.optional(), parallel: try r.optional()) }
            t.transactions = try r.transactions()
            t.properties = try r.properties()
            if try r.byte() == 1 {
                t.evidence = Evidence(score: try r.double(), count: try r.varint(), sourceCount: try r.varint(), targetCount: try r.varint())
            }
            return t
        }
        guard r.offset == bytes.count else { throw Damaged(reason: "\(bytes.count - r.offset) bytes after the record") }
        return c
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Damaged(reason: "cut short at byte \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws -> Int {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Damaged(reason: "bad number at byte \(offset)") }
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
        }

        mutating func count() throws -> Int {
            let n = try varint()
            // Every item takes at least one byte, so a count past the bytes left is damage.
            guard n >= 0, n <= bytes.count - offset else { throw Damaged(reason: "bad length \(n) at byte \(offset)") }
            return n
        }

        mutating func string() throws -> String {
            let n = try count()
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
        }

        mutating func optional() throws -> String? {
            switch try byte() {
            case 0: return nil
            case 1: return try string()
            case let b: throw Damaged(reason: "bad presence byte \(b) at byte \(offset - 1)")
            }
        }

        mutating func double() throws -> Double {
            guard offset + 8 <= bytes.count else { throw Damaged(reason: "cut short at byte \(offset)") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return Double(bitPattern: bits)
        }

        mutating func language() throws -> LanguageTag {
            let code = try string()
            guard let tag = LanguageTag(code) else { throw Damaged(reason: "bad language code \(code)") }
            return tag
        }

        mutating func list<T>(_ body: (inout Reader) throws -> T) throws -> [T] {
            let n = try count()
            var out: [T] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try body(&self)) }
            return out
        }

        mutating func transactions() throws -> [Transaction] {
            try list { r in
                let kind: Transaction.Kind = try r.byte() == 0 ? .origination : .modification
                return Transaction(kind: kind, user: try r.optional(), date: try r.optional(), note: try r.optional())
            }
        }

        mutating func properties() throws -> [Property] {
            try list { r in
                let element = try r.string(), type = try r.string(), value = try r.string(), target = try r.optional()
                let language = try r.optional().map { code -> LanguageTag in
                    guard let tag = LanguageTag(code) else { throw Damaged(reason: "bad language code \(code)") }
                    return tag
                }
                return Property(element: element, type: type, value: value, target: target, language: language)
            }
        }
    }
}

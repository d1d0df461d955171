import Foundation
import Formats
import TMCore

/// Reads TBX: TBX-Basic as ISO 30042:2019 writes it (`<tbx>`, `conceptEntry`, `langSec`,
/// `termSec`, DCA style) and the 2008 form (`<martif>`, `termEntry`, `langSet`, `tig`/`ntig`).
/// Every data category TBX-Basic has is kept: status, part of speech, term type, notes,
/// sources, contexts, definitions, subject field, transactions (`transacGrp`); others become
/// `Property` values so that writing the concept back loses nothing.
///
/// The file is streamed through tmkit's XML layer (`XMLEvents`): a large file is read with flat
/// memory when the concepts are consumed as they come (`stream`). A value that is not in
/// TBX-Basic's picklists (an unknown status or part of speech) or a bad language code is an
/// error naming the value, file, line and column.
public enum TBXReader {
    /// What the file says about itself, known once the whole file is read.
    public struct Header: Sendable, Hashable {
        public var root: String
        public var documentLanguage: LanguageTag?
        public var title: String?
        /// The languages of the language sections, in order of first appearance.
        public var languages: [LanguageTag] = []
    }

    /// Reads the whole file.
    public static func read(_ path: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> TermBase {
        var concepts: [Concept] = []
        let header = try stream(path) { concepts.append($0) }
        let (s, t) = try languages(header, file: path, sourceLanguage, targetLanguage)
        return TermBase(sourceLanguage: s, targetLanguage: t, title: header.title ?? (path as NSString).lastPathComponent, concepts: concepts)
    }

    /// Streams the concepts of the file at `path` to `body`, in order; returns the header.
    @discardableResult
    public static func stream(_ path: String, _ body: (Concept) throws -> Void) throws -> Header {
        try withoutActuallyEscaping(body) { body in
            let handler = Handler(file: path, body: body)
            try XMLEvents.parse(path, handler: handler)
            guard let root = handler.header.root.isEmpty ? nil : handler.header.root else {
                throw TerminologyError.notTBX(file: path, root: "")
            }
            _ = root
            return handler.header
        }
    }

    /// The language pair: the given ones, else the document language and the other one seen.
    public static func languages(_ header: Header, file: String, _ sourceLanguage: LanguageTag?, _ targetLanguage: LanguageTag?) throws -> (LanguageTag, LanguageTag) {
        let seen = header.languages
        let source = sourceLanguage ?? header.documentLanguage.flatMap { d in seen.first { $0.sameLanguage(as: d) } } ?? seen.first
        let target = targetLanguage ?? seen.first { l in source.map { !l.sameLanguage(as: $0) } ?? false }
        guard let source, let target else { throw TerminologyError.noLanguages(file: file) }
        return (source, target)
    }

    /// The streaming handler: a stack of open elements with their text, and the concept,
    /// language section, term and groups being filled.
    final class Handler: XMLEventHandler {
        struct Frame {
            var name: String
            var attributes: [String: String]
            var line: Int
            var column: Int
            var text = ""
        }

        let file: String
        let body: (Concept) throws -> Void
        var header = Header(root: "")
        private var stack: [Frame] = []
        private var concept: Concept?
        private var language: LanguageTag?
        private var term: Term?
        /// Concepts a concept nested in them interrupted (no schema allows it, files have it):
        /// each is taken up again, and read whole, after it.
        private var interrupted: [(concept: Concept, language: LanguageTag?, term: Term?)] = []
        /// An open `descripGrp`: its descrip and what qualifies it.
        private var group: (descrip: Property?, source: String?, notes: [String])?
        private var transaction: Transaction?
        /// Open elements whose text is kept (structural whitespace is not, so memory stays flat).
        private var openFields = 0

        init(file: String, body: @escaping (Concept) throws -> Void) {
            self.file = file
            self.body = body
        }

        func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws {
            if header.root.isEmpty {
                guard name == "tbx" || name == "martif" else { throw TerminologyError.notTBX(file: file, root: name) }
                header.root = name
                if let code = Self.lang(attributes) { header.documentLanguage = try tag(code, line, column) }
            }
            stack.append(Frame(name: name, attributes: attributes, line: line, column: column))
            if Self.fields.contains(name) { openFields += 1 }
            switch name {
            case "conceptEntry", "termEntry":
                if let outer = concept { interrupted.append((outer, language, term)) }
                concept = Concept(id: attributes["id"])
                language = nil
                term = nil
            case "langSec", "langSet":
                guard let code = Self.lang(attributes) else {
                    throw TerminologyError.badValue(file: file, line: line, column: column, category: "language", value: "", reason: "\(name) without xml:lang")
                }
                let t = try tag(code, line, column)
                language = t
                if !header.languages.contains(t) { header.languages.append(t) }
            case "termSec", "tig", "ntig":
                if let language { term = Term(language: language, text: "") }
            case "descripGrp": group = (nil, nil, [])
            case "transacGrp": transaction = Transaction(kind: .modification, user: nil, date: nil)
            default: break
            }
        }

        var wantsText: Bool { openFields > 0 }

        func text(_ string: String) throws {
            guard openFields > 0, !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func end(_ name: String) throws {
            guard let frame = stack.popLast() else { return }
            let value = frame.text.trimmingWhitespace()
            if Self.fields.contains(frame.name) { openFields -= 1 }
            // Inline markup (`<hi>` in a term or note) is part of its parent's text.
            else if openFields > 0, !stack.isEmpty { stack[stack.count - 1].text += frame.text }
            let type = frame.attributes["type"] ?? ""
            switch name {
            case "title" where header.title == nil && concept == nil:
                header.title = value
            case "term":
                term?.text = value
            case "termNote":
                try termNote(type, value, frame)
            case "descrip":
                let property = Property(element: "descrip", type: type, value: value, target: frame.attributes["target"])
                if group != nil { group?.descrip = property } else { try descrip(property, frame) }
            case "admin":
                if type == "source", group != nil { group?.source = value; break }
                if type == "source", term != nil { term?.source = value; break }
                add(Property(element: "admin", type: type, value: value, target: frame.attributes["target"]))
            case "xref", "ref":
                add(Property(element: name, type: type, value: value, target: frame.attributes["target"]))
            case "note":
                if group != nil { group?.notes.append(value); break }
                if transaction != nil { transaction?.note = value; break }
                note(value)
            case "transac":
                if type == "transactionType" {
                    transaction?.kind = value == "origination" ? .origination : .modification
                    if value != "origination" && value != "modification" , transaction?.note == nil { transaction?.note = value }
                }
            case "transacNote":
                if type == "responsibility" { transaction?.user = value } else { transaction?.note = value }
            case "date":
                if transaction != nil { transaction?.date = value }
            case "transacGrp":
                if let t = transaction {
                    if term != nil { term?.transactions.append(t) } else { concept?.transactions.append(t) }
                }
                transaction = nil
            case "descripGrp":
                if let g = group, let d = g.descrip {
                    if d.type == "definition" || d.type == "context" {
                        try descrip(d, frame, source: g.source, notes: g.notes)
                    } else {
                        try descrip(d, frame)
                        if let source = g.source { add(Property(element: "admin", type: "source", value: source)) }
                    }
                }
                group = nil
            case "termSec", "tig", "ntig":
                if var t = term, !t.text.isEmpty {
                    Self.adoptAlignmentNote(&t)
                    concept?.terms.append(t)
                }
                term = nil
            case "langSec", "langSet":
                language = nil
            case "conceptEntry", "termEntry":
                if var c = concept {
                    Self.adoptConceptStatistics(&c)
                    try body(c)
                }
                let outer = interrupted.popLast()
                concept = outer?.concept
                language = outer?.language
                term = outer?.term
            default: break
            }
        }

        /// Elements whose text is their own (not part of the parent's).
        static let fields: Set<String> = ["term", "termNote", "descrip", "admin", "note", "transac", "transacNote", "date", "title", "xref", "ref", "p"]

        static func lang(_ attributes: [String: String]) -> String? { attributes["xml:lang"] ?? attributes["lang"] }

        /// Codes already read (a file has a few, on every language section).
        private var tags: [String: LanguageTag] = [:]

        private func tag(_ code: String, _ line: Int, _ column: Int) throws -> LanguageTag {
            if let known = tags[code] { return known }
            guard let t = LanguageTag(code), t.isKnownLanguage else {
                throw TerminologyError.badValue(file: file, line: line, column: column, category: "language", value: code,
                                                reason: "not a known BCP 47 language code")
            }
            if tags.count < 64 { tags[code] = t }
            return t
        }

        private func termNote(_ type: String, _ value: String, _ frame: Frame) throws {
            guard term != nil else { add(Property(element: "termNote", type: type, value: value)); return }
            switch type {
            case "administrativeStatus":
                guard let s = TermStatus(tbx: value), s != .candidate else {
                    throw TerminologyError.badValue(file: file, line: frame.line, column: frame.column, category: "administrativeStatus", value: value,
                                                    reason: "expected preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts")
                }
                term?.status = s
            case "partOfSpeech":
                guard let p = PartOfSpeech(tbx: value) else {
                    throw TerminologyError.badValue(file: file, line: frame.line, column: frame.column, category: "partOfSpeech", value: value,
                                                    reason: "expected noun, verb, adjective, adverb, properNoun or other")
                }
                term?.partOfSpeech = p
            case "termType": term?.termType = value
            default: term?.properties.append(Property(element: "termNote", type: type, value: value, target: frame.attributes["target"]))
            }
        }

        private func descrip(_ d: Property, _ frame: Frame, source: String? = nil, notes: [String] = []) throws {
            switch d.type {
            case "context" where term != nil:
                let parallel = notes.first { $0.hasPrefix(TBXWriter.parallelPrefix) }.map { String($0.dropFirst(TBXWriter.parallelPrefix.count)).trimmingSpaces() }
                term?.contexts.append(Context(text: d.value, source: source, parallel: parallel))
            case "definition" where concept != nil:
                concept?.definitions.append(Definition(language: language ?? header.documentLanguage ?? .english, text: d.value, source: source))
            case "subjectField" where term == nil && language == nil:
                concept?.subjectField = d.value
            default:
                add(d)
            }
        }

        private func add(_ p: Property) {
            if term != nil { term?.properties.append(p); return }
            var p = p
            p.language = language
            concept?.properties.append(p)
        }

        private func note(_ value: String) {
            if term != nil { term?.notes.append(value); return }
            if let language { concept?.properties.append(Property(element: "note", type: "", value: value, language: language)); return }
            concept?.notes.append(value)
        }

        /// A term note `tmkit-alignment: status=candidate score=… count=…` is the term's evidence.
        static func adoptAlignmentNote(_ term: inout Term) {
            guard let i = term.notes.firstIndex(where: { $0.utf8.starts(with: TBXWriter.statisticsPrefix.utf8) }) else { return }
            var candidate = false
            var score: Double?
            var counts = (0, 0, 0)
            AlignmentNote.forEachValue(term.notes[i]) { key, value in
                switch key {
                case "status": candidate = value == "candidate"
                case "score": score = Double(value)
                case "count": counts.0 = Int(value) ?? 0
                case "sourceCount": counts.1 = Int(value) ?? 0
                case "targetCount": counts.2 = Int(value) ?? 0
                default: break
                }
            }
            term.notes.remove(at: i)
            if candidate, term.status == nil { term.status = .candidate }
            if let score { term.evidence = Evidence(score: score, count: counts.0, sourceCount: counts.1, targetCount: counts.2) }
        }

        /// Files tmkit wrote before concepts (one concept per pair, the statistics a concept note,
        /// examples as contexts of both terms): the statistics go to the target terms, which are
        /// candidates, and the contexts are paired.
        static func adoptConceptStatistics(_ c: inout Concept) {
            guard let i = c.notes.firstIndex(where: { $0.hasPrefix(TBXWriter.statisticsPrefix) }) else { return }
            let values = AlignmentNote.values(c.notes[i])
            c.notes.remove(at: i)
            guard let score = values["score"].flatMap(Double.init), let first = c.terms.first?.language,
                  let target = c.terms.first(where: { !$0.language.sameLanguage(as: first) })?.language else { return }
            let stats = values["count"] != nil
            let sourceContexts = c.terms.first(where: { $0.language == first })?.contexts ?? []
            for k in c.terms.indices where c.terms[k].language == target {
                c.terms[k].evidence = Evidence(score: score, count: values["count"].flatMap(Int.init) ?? 0,
                                               sourceCount: values["sourceCount"].flatMap(Int.init) ?? 0, targetCount: values["targetCount"].flatMap(Int.init) ?? 0)
                if stats, c.terms[k].status == nil { c.terms[k].status = .candidate }
                for n in c.terms[k].contexts.indices where n < sourceContexts.count {
                    c.terms[k].contexts[n].parallel = sourceContexts[n].text
                }
            }
            for k in c.terms.indices where c.terms[k].language == first {
                c.terms[k].contexts = []
                if stats { c.terms[k].status = c.terms[k].status ?? .candidate }
            }
        }
    }
}

/// tmkit's note on built terms: `tmkit-alignment: status=candidate score=0.930 count=12 sourceCount=14 targetCount=15`.
enum AlignmentNote {
    /// The note's `key=value` pairs, read over its
    /// UTF-8 bytes: a built glossary has one such note per term.
    static func values(_ note: String) -> [String: String] {
        var values: [String: String] = [:]
        forEachValue(note) { values[$0] = $1 }
        return values
    }

    /// Each `key=value` pair of the note, in order, to `body`.
    static func forEachValue(_ note: String, _ body: (String, String) -> Void) {
        var note = note
        note.withUTF8 { bytes in
            let prefix = TBXWriter.statisticsPrefix.utf8.count
            var i = min(prefix, bytes.count)
            while i < bytes.count {
                while i < bytes.count && bytes[i] == 0x20 { i += 1 }
                let start = i
                var equals = -1
                while i < bytes.count && bytes[i] != 0x20 {
                    if equals < 0 && bytes[i] == 0x3D { equals = i }
                    i += 1
                }
                // `key=value`, both non-empty; the value trimmed of `;` and `,` at both ends.
                guard equals > start, equals + 1 < i else { continue }
                var (from, end) = (equals + 1, i)
                while from < end && (bytes[from] == 0x3B || bytes[from] == 0x2C) { from += 1 }
                while end > from && (bytes[end - 1] == 0x3B || bytes[end - 1] == 0x2C) { end -= 1 }
                body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<equals]), as: UTF8.self),
                     String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self))
            }
        }
    }

    static func text(_ term: Term) -> String? {
        var parts: [String] = []
        if term.status == .candidate { parts.append("status=candidate") }
        if let e = term.evidence {
            parts.append("score=" + String(format: "%.3f", e.score))
            if e.count > 0 || e.sourceCount > 0 || e.targetCount > 0 {
                parts.append("count=\(e.count) sourceCount=\(e.sourceCount) targetCount=\(e.targetCount)")
            }
        }
        return parts.isEmpty ? nil : TBXWriter.statisticsPrefix + " " + parts.joined(separator: " ")
    }
}

import Foundation
import SQLiteKit
import Segmentation
import TMCore

/// A glossary in one SQLite file: concepts (stored whole, as `ConceptCodec` records) and an index of
/// their terms by match key, so look-ups are indexed queries and never read an exchange file.
/// The user's glossary is one (`$TMKIT_HOME/glossary.sqlite`); every TBX/TSV/CSV named with
/// `--glossary` is compiled into one in the cache (`GlossaryCache`).
///
/// Changes run in transactions (`BEGIN IMMEDIATE`), so two reviewers writing at once both keep
/// their changes and a failed import leaves the store as it was. Not thread-safe: one instance
/// per thread.
public final class GlossaryStore: GlossaryStoring {
    public let path: String
    public var location: String { path }
    let db: SQLiteDatabase
    /// 3: concepts as `ConceptCodec` records. 2 (concepts as JSON) is read as it is and
    /// marked 3 when opened for writing, since both kinds of record are read.
    static let schemaVersion = "3"
    static let readableSchemas: Set<String> = ["2", "3"]
    /// Set while `bulkLoad` runs: Korean terms are stored without keys, made at the end.
    var bulk = false
    /// Keys terms without Hangul during a bulk load (no lexicon needed).
    lazy var bulkKeyer = TermKeyer(lexicon: KoreanLexicon())
    /// The lexicon words a bulk load has stored (so each is written once).
    var bulkWords = Set<String>()

    /// Opens (or, with `create`, creates) the store at `path`. `readOnly` for look-ups.
    /// `journal` is SQLite's journal mode for a writable store (WAL unless told; a compile
    /// into a temporary file uses OFF and leaves a single-file store).
    public init(path: String, create: Bool = true, readOnly: Bool = false, journal: String = "WAL") throws {
        self.path = path
        if create && !readOnly {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        }
        db = try SQLiteDatabase(path: path, readOnly: readOnly, create: create, makeError: { TerminologyError.store(path: $0, reason: $1.description) })
        if !readOnly {
            if path != ":memory:" { try db.execute("PRAGMA journal_mode=\(journal); PRAGMA synchronous=\(journal == "OFF" ? "OFF" : "NORMAL");") }
            try db.execute(Self.schema + Self.indexes)
            if let found = try meta("schema") {
                if found != Self.schemaVersion, Self.readableSchemas.contains(found) { try setMeta("schema", Self.schemaVersion) }
            } else {
                try setMeta("schema", Self.schemaVersion)
            }
        }
        guard let schema = try meta("schema"), Self.readableSchemas.contains(schema) else {
            throw TerminologyError.store(path: path, reason: "not a tmkit glossary store (or one of another version)")
        }
        // Keys made by an older tmkit (in insertion order) are made again, once.
        if !readOnly, try meta("keys") != TermKeyer.version { try transaction { try rekeyAll() } }
    }

    static let schema = """
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS concepts(id INTEGER PRIMARY KEY, data BLOB NOT NULL, modified TEXT);
    CREATE TABLE IF NOT EXISTS terms(
        concept INTEGER NOT NULL, position INTEGER NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
        key TEXT NOT NULL, klen INTEGER NOT NULL, tokens INTEGER NOT NULL, status TEXT NOT NULL,
        score REAL NOT NULL, freq INTEGER NOT NULL, note TEXT,
        PRIMARY KEY(concept, position)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS lexicon(word TEXT PRIMARY KEY) WITHOUT ROWID;
    """

    /// The look-up indexes (dropped during a bulk load and made after it).
    static let indexes = """
    CREATE INDEX IF NOT EXISTS terms_key ON terms(key);
    CREATE INDEX IF NOT EXISTS terms_klen ON terms(klen);
    CREATE INDEX IF NOT EXISTS terms_text ON terms(text);
    """

    // MARK: meta

    public func meta(_ key: String) throws -> String? {
        let s = try db.statement("SELECT value FROM meta WHERE key = ?")
        s.bind(1, key)
        defer { s.reset() }
        return try s.step() ? s.string(0) : nil
    }

    public func setMeta(_ key: String, _ value: String?) throws {
        let s = try db.statement("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        s.bind(1, key)
        s.bind(2, value)
        try s.step()
        s.reset()
    }

    /// The default direction and title (set by the first import).
    public var languages: (source: LanguageTag, target: LanguageTag)? {
        let source: String? = (try? meta("source")) ?? nil
        let target: String? = (try? meta("target")) ?? nil
        guard let source, let target, let s = LanguageTag(source), let t = LanguageTag(target) else { return nil }
        return (s, t)
    }

    public func setLanguages(_ source: LanguageTag, _ target: LanguageTag) throws {
        try setMeta("source", source.code)
        try setMeta("target", target.code)
    }

    public var title: String { ((try? meta("title")) ?? nil) ?? (path as NSString).lastPathComponent }

    /// Number of concepts.
    public func conceptCount() throws -> Int { Int(try db.integer("SELECT count(*) FROM concepts") ?? 0) }
    public func termCount() throws -> Int { Int(try db.integer("SELECT count(*) FROM terms") ?? 0) }
    /// Longest term, in content tokens (for spotting).
    public func longestTerm() throws -> Int { Int(try db.integer("SELECT max(tokens) FROM terms") ?? 1) }

    // MARK: writing

    /// Runs `body` in one transaction.
    public func transaction<T>(_ body: () throws -> T) throws -> T { try db.transaction(body) }

    /// Adds a concept; returns its id.
    @discardableResult
    public func insert(_ concept: Concept) throws -> Int64 {
        let id = try insertRecord(concept)
        try indexTerms(of: concept, id: id)
        return id
    }

    /// Stores `concept`'s record without indexing its terms; returns its id.
    func insertRecord(_ concept: Concept) throws -> Int64 {
        let s = try db.statement("INSERT INTO concepts(data, modified) VALUES(?, ?)")
        s.bind(1, blob: try Self.encode(concept))
        s.bind(2, concept.lastChange)
        try s.step()
        s.reset()
        return db.lastInsertRowID
    }

    /// Replaces concept `id` with `concept` (re-indexing its terms).
    public func replace(_ id: Int64, with concept: Concept) throws {
        let s = try db.statement("UPDATE concepts SET data = ?, modified = ? WHERE id = ?")
        s.bind(1, blob: try Self.encode(concept))
        s.bind(2, concept.lastChange)
        s.bind(3, id)
        try s.step()
        s.reset()
        let d = try db.statement("DELETE FROM terms WHERE concept = ?")
        d.bind(1, id)
        try d.step()
        d.reset()
        try indexTerms(of: concept, id: id)
    }

    /// Deletes concept `id`.
    public func delete(_ id: Int64) throws {
        for sql in ["DELETE FROM terms WHERE concept = ?", "DELETE FROM concepts WHERE id = ?"] {
            let s = try db.statement(sql)
            s.bind(1, id)
            try s.step()
            s.reset()
        }
    }

    /// Writes the term rows (and lexicon words) of concept `id`.
    func indexTerms(of concept: Concept, id: Int64) throws {
        let w = try db.statement("INSERT OR IGNORE INTO lexicon(word) VALUES(?)")
        var newWords: [String] = []
        for term in concept.terms {
            for word in TermKeyer.koreanWords(term.text) {
                if bulk {
                    guard !bulkWords.contains(word) else { continue }
                    if bulkWords.count < 1 << 20 { bulkWords.insert(word) }
                }
                w.bind(1, word)
                try w.step()
                w.reset()
                if db.changes > 0 { newWords.append(word) }
            }
        }
        if !bulk, let longest = newWords.map(\.unicodeScalars.count).max(), longest > (try longestLexiconWord()) {
            try setMeta("lexicon.longest", String(longest))
        }
        let s = try db.statement("INSERT OR REPLACE INTO terms(concept, position, lang, text, key, klen, tokens, status, score, freq, note) VALUES(?,?,?,?,?,?,?,?,?,?,?)")
        for (n, term) in concept.terms.enumerated() {
            // A bulk load makes the keys of Korean terms at the end, with the whole lexicon; a
            // term without Hangul is keyed now, as the lexicon plays no part in its key.
            let key = try !bulk ? self.key(term.text) : TermKeyer.hasHangul(term.text) ? (joined: "", count: 0) : bulkKeyer.key(term.text)
            s.bind(1, id)
            s.bind(2, n)
            s.bind(3, term.language.code)
            s.bind(4, term.text)
            s.bind(5, key.joined)
            s.bind(6, key.joined.unicodeScalars.count)
            s.bind(7, key.count)
            s.bind(8, term.effectiveStatus.rawValue)
            s.bind(9, term.score)
            s.bind(10, term.evidence?.count ?? 0)
            let notes = concept.notes + term.notes
            s.bind(11, notes.isEmpty ? nil : notes.joined(separator: "; "))
            try s.step()
            s.reset()
        }
        if !bulk && !newWords.isEmpty { try rekey(containing: newWords) }
    }

    // MARK: reading

    /// Concept `id`, or nil.
    public func concept(_ id: Int64) throws -> Concept? {
        let s = try db.statement("SELECT data FROM concepts WHERE id = ?")
        s.bind(1, id)
        defer { s.reset() }
        guard try s.step() else { return nil }
        return try s.withBlob(0) { try decode($0) }
    }

    /// Every concept with its id, in id order.
    public func forEachConcept(_ body: (Int64, Concept) throws -> Void) throws {
        let s = try db.statement("SELECT id, data FROM concepts ORDER BY id")
        defer { s.reset() }
        while try s.step() {
            let c = try s.withBlob(1) { try decode($0) }
            try body(s.int64(0), c)
        }
    }

    /// One indexed term: a row of `terms`.
    public struct IndexedTerm: Sendable, Hashable {
        public var concept: Int64
        public var position: Int
        public var language: LanguageTag
        public var text: String
        public var key: String
        public var status: TermStatus
        public var score: Double
        public var frequency: Int
        public var note: String?

        package init(concept: Int64, position: Int, language: LanguageTag, text: String, key: String, status: TermStatus,
                     score: Double, frequency: Int, note: String?) {
            self.concept = concept
            self.position = position
            self.language = language
            self.text = text
            self.key = key
            self.status = status
            self.score = score
            self.frequency = frequency
            self.note = note
        }
    }

    static let columns = "concept, position, lang, text, key, status, score, freq, note"

    func row(_ s: SQLiteStatement, offset: Int32 = 0) -> IndexedTerm {
        IndexedTerm(concept: s.int64(offset), position: s.int(offset + 1), language: LanguageTag(s.string(offset + 2) ?? "und") ?? .english,
                    text: s.string(offset + 3) ?? "", key: s.string(offset + 4) ?? "",
                    status: TermStatus(rawValue: s.string(offset + 5) ?? "") ?? .admitted, score: s.double(offset + 6),
                    frequency: s.int(offset + 7), note: s.string(offset + 8))
    }

    /// Terms whose key has between `minLength` and `maxLength` code points (fuzzy look-up).
    public func terms(keyLength range: ClosedRange<Int>, _ body: (IndexedTerm) throws -> Void) throws {
        let s = try db.statement("SELECT \(Self.columns) FROM terms WHERE klen BETWEEN ? AND ? ORDER BY klen, concept, position")
        s.bind(1, range.lowerBound)
        s.bind(2, range.upperBound)
        defer { s.reset() }
        while try s.step() { try body(row(s)) }
    }

    /// Every usable term in `source` with every usable term of its concept in `target` (by
    /// language, any region), best first within a concept: what anchors and priors need, read
    /// from the term index alone.
    public func termPairs(from source: LanguageTag, to target: LanguageTag) throws -> [(source: String, target: String)] {
        let s = try db.statement("SELECT \(Self.columns) FROM terms ORDER BY concept, position")
        defer { s.reset() }
        var out: [(source: String, target: String)] = []
        var concept: [IndexedTerm] = []
        func flush() {
            let usable = concept.filter { $0.status.isUsable }
            let targets = usable.filter { $0.language.sameLanguage(as: target) }.sorted { ($0.status, -$0.score) < ($1.status, -$1.score) }
            for a in usable where a.language.sameLanguage(as: source) {
                for b in targets { out.append((a.text, b.text)) }
            }
            concept.removeAll(keepingCapacity: true)
        }
        while try s.step() {
            let r = row(s)
            if let last = concept.last, last.concept != r.concept { flush() }
            concept.append(r)
        }
        flush()
        return out
    }

    public func concepts(withTermText text: String, firstOnly: Bool) throws -> [(concept: Int64, language: LanguageTag)] {
        let s = try db.statement("SELECT concept, lang FROM terms WHERE text = ?\(firstOnly ? " AND position = 0" : "") ORDER BY concept, position")
        s.bind(1, text)
        defer { s.reset() }
        var out: [(concept: Int64, language: LanguageTag)] = []
        while try s.step() { if let l = s.string(1).flatMap(LanguageTag.init) { out.append((s.int64(0), l)) } }
        return out
    }

    /// Every Korean word of the glossary (the analyser's lexicon for its terms).
    public func lexiconWords() throws -> [String] {
        let s = try db.statement("SELECT word FROM lexicon")
        defer { s.reset() }
        var out: [String] = []
        while try s.step() { if let w = s.string(0) { out.append(w) } }
        return out
    }

    static func encode(_ c: Concept) throws -> [UInt8] { ConceptCodec.encode(c) }

    /// The concept in a `concepts.data` blob (binary, or JSON as schema 2 stored it).
    func decode(_ bytes: UnsafeRawBufferPointer) throws -> Concept {
        do { return try ConceptCodec.decode(bytes) } catch {
            throw TerminologyError.store(path: path, reason: "\(error)")
        }
    }
}

extension Concept {
    /// The date of the newest transaction on the concept or its terms.
    package var lastChange: String? {
        (transactions + terms.flatMap(\.transactions)).compactMap(\.date).max()
    }
}

/// Match keys of terms: the content keys of the analysed term joined without spaces
/// (`바탕 화면` = `바탕화면`), with the glossary's own Korean words as the lexicon (not the
/// system's), so a store's keys do not depend on what is installed. A key is made with every
/// word of the glossary's lexicon (or, equally, those inside the term's words), so it does not
/// depend on the order in which concepts were added.
package struct TermKeyer: Sendable {
    /// The keying rule; stores keyed by another are keyed again when opened for writing.
    package static let version = "2"
    let segmenter: Segmenter

    package init(lexicon: KoreanLexicon = KoreanLexicon()) {
        segmenter = Segmenter(lexicon: lexicon)
    }

    package func key(_ term: String) -> (joined: String, count: Int) {
        let keys = segmenter.analyze(term).contentKeys
        if keys.isEmpty { return (KeyNormalizer.fold(term).filter { !$0.isWhitespace }, 1) }
        return (keys.joined(), keys.count)
    }

    package static func isSyllable(_ s: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(s.value) }

    /// Whether `text` has Hangul (syllables or jamo): the only text whose key the lexicon
    /// can change.
    package static func hasHangul(_ text: String) -> Bool {
        text.unicodeScalars.contains { u in
            u.value >= 0x1100 && ((0x1100...0x11FF).contains(u.value) || (0x3130...0x318F).contains(u.value)
                                  || (0xA960...0xA97F).contains(u.value) || (0xAC00...0xD7FF).contains(u.value))
        }
    }

    /// The all-Hangul words of a term (for the lexicon).
    package static func koreanWords(_ term: String) -> [String] {
        term.split(separator: " ").filter { $0.unicodeScalars.allSatisfy(TermKeyer.isSyllable) }.map(String.init)
    }
}

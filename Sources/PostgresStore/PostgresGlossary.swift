import Foundation
import Logging
import NIOCore
import PostgresNIO
import Segmentation
import TMCore
import Terminology

/// One named glossary in PostgreSQL: the same records and term index as a SQLite glossary
/// store (`GlossaryStore`), in the `tmkit_glossary*` tables, with the same keys (`TermKeyer`,
/// over the glossary's own Korean words) and concept ids (one more than the highest). So
/// `GlossaryLookup`, `GlossaryTextIndex` and the review and import paths, written once over
/// `GlossaryStoring`, give the same results on either store.
///
/// Writers are serialized per glossary: a transaction first takes the glossary's row lock
/// (and bumps its version), so two reviewers writing at once both keep their changes, and a
/// failed import leaves the glossary as it was. One connection, used by one thread at a time;
/// it goes back to the pool when the glossary is released.
public final class PostgresGlossary: GlossaryStoring, @unchecked Sendable {
    public let name: String
    let id: Int32
    let connection: PostgresConnection
    let pool: PostgresGlossaries
    let database: String
    let logger: Logger
    private var depth = 0
    private var bulk = false
    private var meta: (source: String?, target: String?, title: String?)
    /// Keys terms without Hangul during a bulk load (no lexicon needed).
    private lazy var bulkKeyer = TermKeyer(lexicon: KoreanLexicon())

    /// The glossary's row: id, languages, title and keying rule. With `create`, made when missing.
    static func row(_ c: PostgresConnection, name: String, create: Bool, database: String, logger: Logger) throws
        -> (id: Int32, source: String?, target: String?, title: String?, keys: String?) {
        if create {
            try run(c, "INSERT INTO tmkit_glossary(name, keys) VALUES (\(name), \(TermKeyer.version)) ON CONFLICT (name) DO NOTHING",
                    database: database, logger: logger)
        }
        let rows = try run(c, "SELECT id, source_lang, target_lang, title, keys FROM tmkit_glossary WHERE name = \(name)", database: database, logger: logger)
        guard let row = rows.first else { throw PostgresStoreError.noSuchGlossary(database: database, name: name) }
        let (id, source, target, title, keys) = try row.decode((Int32, String?, String?, String?, String?).self)
        return (id, source, target, title, keys)
    }

    init(pool: PostgresGlossaries, connection: PostgresConnection, name: String, row: (id: Int32, source: String?, target: String?, title: String?, keys: String?)) {
        self.pool = pool
        self.connection = connection
        self.name = name
        database = pool.location.description
        logger = pool.logger
        id = row.id
        meta = (row.source, row.target, row.title)
        keys = row.keys
    }

    private let keys: String?

    /// Makes every key again when they were made by another keying rule (once).
    func upgradeKeys() throws {
        guard keys != TermKeyer.version else { return }
        try transaction {
            try rekeyAll()
            try exec("UPDATE tmkit_glossary SET keys = \(TermKeyer.version) WHERE id = \(id)")
        }
    }

    deinit {
        if depth == 0 { pool.give(connection) } else { try? connection.close().wait() }
    }

    public var location: String { "\(database) glossary '\(name)'" }
    public var title: String { meta.title ?? name }

    public var languages: (source: LanguageTag, target: LanguageTag)? {
        guard let s = meta.source.flatMap(LanguageTag.init), let t = meta.target.flatMap(LanguageTag.init) else { return nil }
        return (s, t)
    }

    public func setLanguages(_ source: LanguageTag, _ target: LanguageTag) throws {
        try exec("UPDATE tmkit_glossary SET source_lang = \(source.code), target_lang = \(target.code) WHERE id = \(id)")
        meta.source = source.code
        meta.target = target.code
    }

    /// Sets the title when the glossary has none.
    public func setTitleIfMissing(_ title: String) throws {
        guard meta.title == nil else { return }
        try exec("UPDATE tmkit_glossary SET title = \(title) WHERE id = \(id)")
        meta.title = title
    }

    // MARK: queries

    /// Runs `query` on `c`, every row read; postgres-nio's errors become `PostgresStoreError`.
    @discardableResult
    static func run(_ c: PostgresConnection, _ query: PostgresQuery, database: String, logger: Logger) throws -> [PostgresRow] {
        do {
            return try c.query(query, logger: logger).wait().rows
        } catch {
            throw PostgresStoreError.wrap(error, database: database)
        }
    }

    @discardableResult
    func exec(_ query: PostgresQuery) throws -> [PostgresRow] { try Self.run(connection, query, database: database, logger: logger) }

    private func integer(_ query: PostgresQuery) throws -> Int {
        guard let row = try exec(query).first else { return 0 }
        return Int(try row.decode(Int64?.self) ?? 0)
    }

    public func conceptCount() throws -> Int { try integer("SELECT count(*) FROM tmkit_glossary_concept WHERE glossary = \(id)") }
    public func termCount() throws -> Int { try integer("SELECT count(*) FROM tmkit_glossary_term WHERE glossary = \(id)") }

    public func longestTerm() throws -> Int {
        guard let row = try exec("SELECT max(tokens) FROM tmkit_glossary_term WHERE glossary = \(id)").first,
              let longest = try row.decode(Int32?.self) else { return 1 }
        return Int(longest)
    }

    // MARK: writing

    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if depth > 0 {
            depth += 1
            defer { depth -= 1 }
            let savepoint = "tmkit_\(depth)"
            try exec(PostgresQuery(unsafeSQL: "SAVEPOINT \(savepoint)"))
            do {
                let value = try body()
                try exec(PostgresQuery(unsafeSQL: "RELEASE \(savepoint)"))
                return value
            } catch {
                _ = try? exec(PostgresQuery(unsafeSQL: "ROLLBACK TO \(savepoint)"))
                _ = try? exec(PostgresQuery(unsafeSQL: "RELEASE \(savepoint)"))
                throw error
            }
        }
        let before = meta
        try exec("BEGIN")
        depth = 1
        defer { depth = 0 }
        do {
            // The glossary's row lock: writers one at a time, each seeing the last one's commit.
            try exec("UPDATE tmkit_glossary SET version = version + 1 WHERE id = \(id)")
            let value = try body()
            try exec("COMMIT")
            return value
        } catch {
            _ = try? exec("ROLLBACK")
            meta = before
            throw error
        }
    }

    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        try transaction {
            bulk = true
            defer { bulk = false }
            let value = try body()
            try rekeyAll()
            return value
        }
    }

    @discardableResult
    public func insert(_ concept: Concept) throws -> Int64 {
        try transaction {
            // As SQLite's INTEGER PRIMARY KEY: one more than the highest (under the row lock).
            let next = Int64(try integer("SELECT coalesce(max(id), 0) FROM tmkit_glossary_concept WHERE glossary = \(id)")) + 1
            try exec("""
                INSERT INTO tmkit_glossary_concept(glossary, id, data, modified)
                VALUES (\(id), \(next), \(ByteBuffer(bytes: ConceptCodec.encode(concept))), \(concept.lastChange))
                """)
            try indexTerms(of: concept, id: next)
            return next
        }
    }

    public func replace(_ conceptID: Int64, with concept: Concept) throws {
        try transaction {
            try exec("""
                UPDATE tmkit_glossary_concept SET data = \(ByteBuffer(bytes: ConceptCodec.encode(concept))), modified = \(concept.lastChange)
                WHERE glossary = \(id) AND id = \(conceptID)
                """)
            try exec("DELETE FROM tmkit_glossary_term WHERE glossary = \(id) AND concept = \(conceptID)")
            try indexTerms(of: concept, id: conceptID)
        }
    }

    public func delete(_ conceptID: Int64) throws {
        try transaction {
            try exec("DELETE FROM tmkit_glossary_term WHERE glossary = \(id) AND concept = \(conceptID)")
            try exec("DELETE FROM tmkit_glossary_concept WHERE glossary = \(id) AND id = \(conceptID)")
        }
    }

    /// Stores the lexicon words and the term rows of `concept` (as `GlossaryStore` does: the
    /// words first, then each term keyed with them, then the terms that a new word is inside
    /// keyed again; in a bulk load, Korean terms are keyed at the end).
    private func indexTerms(of concept: Concept, id conceptID: Int64) throws {
        var words: [String] = []
        var seen = Set<String>()
        for term in concept.terms { for w in TermKeyer.koreanWords(term.text) where seen.insert(w).inserted { words.append(w) } }
        var newWords: [String] = []
        if !words.isEmpty {
            let rows = try exec("""
                INSERT INTO tmkit_glossary_word(glossary, word) SELECT \(id), w FROM unnest(\(words)::text[]) AS w
                ON CONFLICT DO NOTHING RETURNING word
                """)
            newWords = try rows.map { try $0.decode(String.self) }
            if let longest = newWords.map(\.unicodeScalars.count).max() {
                try exec("UPDATE tmkit_glossary SET longest_word = greatest(longest_word, \(longest)) WHERE id = \(id)")
            }
        }
        var positions: [Int32] = [], langs: [String] = [], texts: [String] = [], keys: [String] = [], klens: [Int32] = []
        var tokens: [Int32] = [], statuses: [String] = [], scores: [Double] = [], freqs: [Int32] = [], hasNote: [Bool] = [], notes: [String] = []
        for (n, term) in concept.terms.enumerated() {
            let key = try !bulk ? self.key(term.text) : TermKeyer.hasHangul(term.text) ? (joined: "", count: 0) : bulkKeyer.key(term.text)
            let note = concept.notes + term.notes
            positions.append(Int32(n))
            langs.append(term.language.code)
            texts.append(term.text)
            keys.append(key.joined)
            klens.append(Int32(key.joined.unicodeScalars.count))
            tokens.append(Int32(key.count))
            statuses.append(term.effectiveStatus.rawValue)
            scores.append(term.score)
            freqs.append(Int32(term.evidence?.count ?? 0))
            hasNote.append(!note.isEmpty)
            notes.append(note.joined(separator: "; "))
        }
        if !positions.isEmpty {
            try exec("""
                INSERT INTO tmkit_glossary_term(glossary, concept, position, lang, text, key, klen, tokens, status, score, freq, note)
                SELECT \(id), \(conceptID), p, l, tx, k, kl, tk, st, sc, fr, CASE WHEN hn THEN nt END
                FROM unnest(\(positions)::int4[], \(langs)::text[], \(texts)::text[], \(keys)::text[], \(klens)::int4[], \(tokens)::int4[],
                            \(statuses)::text[], \(scores)::float8[], \(freqs)::int4[], \(hasNote)::bool[], \(notes)::text[])
                    AS t(p, l, tx, k, kl, tk, st, sc, fr, hn, nt)
                ON CONFLICT (glossary, concept, position) DO UPDATE SET lang = excluded.lang, text = excluded.text, key = excluded.key,
                    klen = excluded.klen, tokens = excluded.tokens, status = excluded.status, score = excluded.score, freq = excluded.freq,
                    note = excluded.note
                """)
        }
        if !bulk && !newWords.isEmpty { try rekey(containing: newWords) }
    }

    /// Makes again the keys of the terms that contain one of `words` (new lexicon words).
    private func rekey(containing words: [String]) throws {
        let rows = try exec("""
            SELECT concept, position, text, key, tokens FROM tmkit_glossary_term
            WHERE glossary = \(id) AND EXISTS (SELECT 1 FROM unnest(\(words)::text[]) AS w WHERE strpos(text, w) > 0)
            ORDER BY concept, position
            """)
        var changes: [(Int64, Int32, (joined: String, count: Int))] = []
        for row in rows {
            let (concept, position, text, old, oldTokens) = try row.decode((Int64, Int32, String, String, Int32).self)
            let key = try self.key(text)
            if key.joined != old || key.count != oldTokens { changes.append((concept, position, key)) }
        }
        try setKeys(changes)
    }

    /// Makes every term's key again with the whole lexicon (in blocks, so memory stays flat).
    private func rekeyAll() throws {
        let keyer = TermKeyer(lexicon: KoreanLexicon(words: Set(try lexiconWords())))
        var last: (Int64, Int32) = (Int64.min, 0)
        var cache: [String: (joined: String, count: Int)] = [:]
        while true {
            let rows = try exec("""
                SELECT concept, position, text, key, tokens FROM tmkit_glossary_term
                WHERE glossary = \(id) AND (concept, position) > (\(last.0), \(last.1)) ORDER BY concept, position LIMIT 4096
                """)
            guard !rows.isEmpty else { break }
            var changes: [(Int64, Int32, (joined: String, count: Int))] = []
            for row in rows {
                let (concept, position, text, old, oldTokens) = try row.decode((Int64, Int32, String, String, Int32).self)
                last = (concept, position)
                if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
                let key = cache[text] ?? keyer.key(text)
                cache[text] = key
                if key.joined != old || key.count != oldTokens { changes.append((concept, position, key)) }
            }
            try setKeys(changes)
        }
        try exec("""
            UPDATE tmkit_glossary SET longest_word = coalesce((SELECT max(char_length(word)) FROM tmkit_glossary_word WHERE glossary = \(id)), 0)
            WHERE id = \(id)
            """)
    }

    private func setKeys(_ changes: [(Int64, Int32, (joined: String, count: Int))]) throws {
        guard !changes.isEmpty else { return }
        let concepts = changes.map { $0.0 }, positions = changes.map { $0.1 }, keys = changes.map { $0.2.joined }
        let klens = changes.map { Int32($0.2.joined.unicodeScalars.count) }, tokens = changes.map { Int32($0.2.count) }
        try exec("""
            UPDATE tmkit_glossary_term AS t SET key = u.k, klen = u.kl, tokens = u.tk
            FROM unnest(\(concepts)::int8[], \(positions)::int4[], \(keys)::text[], \(klens)::int4[], \(tokens)::int4[]) AS u(c, p, k, kl, tk)
            WHERE t.glossary = \(id) AND t.concept = u.c AND t.position = u.p
            """)
    }

    // MARK: reading

    private func decodeConcept(_ data: ByteBuffer) throws -> Concept {
        do {
            return try data.withUnsafeReadableBytes { try ConceptCodec.decode($0) }
        } catch {
            throw PostgresStoreError.query(database: database, reason: "glossary '\(name)': \(error)")
        }
    }

    public func concept(_ conceptID: Int64) throws -> Concept? {
        guard let row = try exec("SELECT data FROM tmkit_glossary_concept WHERE glossary = \(id) AND id = \(conceptID)").first else { return nil }
        return try decodeConcept(try row.decode(ByteBuffer.self))
    }

    public func forEachConcept(_ body: (Int64, Concept) throws -> Void) throws {
        var last = Int64.min
        while true {
            let rows = try exec("SELECT id, data FROM tmkit_glossary_concept WHERE glossary = \(id) AND id > \(last) ORDER BY id LIMIT 1024")
            guard !rows.isEmpty else { return }
            for row in rows {
                let (conceptID, data) = try row.decode((Int64, ByteBuffer).self)
                last = conceptID
                try body(conceptID, try decodeConcept(data))
            }
        }
    }

    public func lexiconWords() throws -> [String] {
        try exec("SELECT word FROM tmkit_glossary_word WHERE glossary = \(id)").map { try $0.decode(String.self) }
    }

    public func lexiconWords(inRuns runs: some Sequence<String>) throws -> Set<String> {
        let longest = try integer("SELECT longest_word::int8 FROM tmkit_glossary WHERE id = \(id)")
        let candidates = Array(GlossaryStore.lexiconCandidates(runs, longest: longest))
        guard !candidates.isEmpty else { return [] }
        let rows = try exec("SELECT word FROM tmkit_glossary_word WHERE glossary = \(id) AND word = ANY(\(candidates)::text[])")
        return Set(try rows.map { try $0.decode(String.self) })
    }

    static let columns = "concept, position, lang, text, key, status, score, freq, note"

    private func terms(_ rows: [PostgresRow]) throws -> [GlossaryStore.IndexedTerm] {
        try rows.map { row in
            let (concept, position, lang, text, key, status, score, freq, note) =
                try row.decode((Int64, Int32, String, String, String, String, Double, Int32, String?).self)
            return GlossaryStore.IndexedTerm(concept: concept, position: Int(position), language: LanguageTag(lang) ?? .english, text: text, key: key,
                                             status: TermStatus(rawValue: status) ?? .admitted, score: score, frequency: Int(freq), note: note)
        }
    }

    public func terms(withKeys keys: some Collection<String>) throws -> [GlossaryStore.IndexedTerm] {
        guard !keys.isEmpty else { return [] }
        return try terms(exec("""
            SELECT \(unescaped: Self.columns) FROM tmkit_glossary_term WHERE glossary = \(id) AND key = ANY(\(Array(keys))::text[])
            ORDER BY concept, position
            """))
    }

    public func terms(ofConcepts ids: some Collection<Int64>) throws -> [GlossaryStore.IndexedTerm] {
        guard !ids.isEmpty else { return [] }
        return try terms(exec("""
            SELECT \(unescaped: Self.columns) FROM tmkit_glossary_term WHERE glossary = \(id) AND concept = ANY(\(Array(ids))::int8[])
            ORDER BY concept, position
            """))
    }

    public func terms(keyLength range: ClosedRange<Int>, _ body: (GlossaryStore.IndexedTerm) throws -> Void) throws {
        let (low, high) = (Int64(range.lowerBound), Int64(range.upperBound))
        for t in try terms(exec("""
            SELECT \(unescaped: Self.columns) FROM tmkit_glossary_term WHERE glossary = \(id) AND klen BETWEEN \(low) AND \(high)
            ORDER BY klen, concept, position
            """)) {
            try body(t)
        }
    }

    public func concepts(withTermText text: String, firstOnly: Bool) throws -> [(concept: Int64, language: LanguageTag)] {
        let rows = try exec("""
            SELECT concept, lang FROM tmkit_glossary_term WHERE glossary = \(id) AND text = \(text) AND (position = 0 OR NOT \(firstOnly))
            ORDER BY concept, position
            """)
        return try rows.compactMap { row in
            let (concept, lang) = try row.decode((Int64, String).self)
            return LanguageTag(lang).map { (concept, $0) }
        }
    }
}

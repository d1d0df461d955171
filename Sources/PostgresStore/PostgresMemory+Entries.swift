import Foundation
import NIOCore
import PostgresNIO
import TMCore
import TranslationMemory

/// One stored entry with its id.
public struct StoredEntry: Sendable, Hashable {
    public var id: Int64
    public var unit: TranslationUnit

    public init(id: Int64, unit: TranslationUnit) {
        self.id = id
        self.unit = unit
    }
}

extension PostgresMemory {
    static let unitColumns = """
        id, source_lang, target_lang, source, target, context, tuid, created, changed, creator, changer, properties, notes
        """

    static func unit(_ r: (Int64, String, String, String, String, String?, String?, Int64?, Int64?, String?, String?, String?, String?)) -> StoredEntry? {
        guard let sl = LanguageTag(r.1), let tl = LanguageTag(r.2) else { return nil }
        return StoredEntry(id: r.0, unit: TranslationUnit(
            source: r.3, target: r.4, sourceLanguage: sl, targetLanguage: tl, id: r.6, context: r.5,
            created: r.7.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            changed: r.8.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            creator: r.9, changer: r.10,
            properties: EntryCoding.decodeProperties(r.11), notes: EntryCoding.decodeStrings(r.12)))
    }

    typealias UnitRow = (Int64, String, String, String, String, String?, String?, Int64?, Int64?, String?, String?, String?, String?)

    /// The entry `id` of `memory`, or nil.
    public func entry(_ id: Int64, memory: String) async throws -> StoredEntry? {
        try await guarded(readerName) { [self] in
            let rows = try await reader.query("""
                SELECT \(unescaped: Self.unitColumns) FROM tmkit_entry
                WHERE id = \(id) AND memory = (SELECT id FROM tmkit_memory WHERE name = \(memory))
                """, logger: logger)
            for try await r in rows.decode(UnitRow.self) { return Self.unit(r) }
            return nil
        }
    }

    /// Calls `body` with every entry of `memory`, oldest first, reading pages of 2,000.
    public func forEachEntry(memory: String, _ body: (StoredEntry) async throws -> Void) async throws {
        var last: Int64 = 0
        while true {
            let page: [StoredEntry] = try await guarded(readerName) { [self, last] in
                var page: [StoredEntry] = []
                let rows = try await reader.query("""
                    SELECT \(unescaped: Self.unitColumns) FROM tmkit_entry
                    WHERE memory = (SELECT id FROM tmkit_memory WHERE name = \(memory)) AND id > \(last)
                    ORDER BY id LIMIT 2000
                    """, logger: logger)
                for try await r in rows.decode(UnitRow.self) { if let e = Self.unit(r) { page.append(e) } }
                return page
            }
            guard let end = page.last?.id else { return }
            for e in page { try await body(e) }
            last = end
        }
    }

    /// Deletes entry `id` of `memory`; false when there was none.
    public func delete(_ id: Int64, memory: String) async throws -> Bool {
        try await guarded { [self] in
            let rows = try await primary.query("""
                DELETE FROM tmkit_entry WHERE id = \(id) AND memory = (SELECT id FROM tmkit_memory WHERE name = \(memory)) RETURNING id
                """, logger: logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    /// Changes entry `id`: its text is analysed again and indexed under its new terms.
    /// Returns the changed entry, or nil when there is none.
    public func update(_ id: Int64, memory: String, _ change: EntryChange) async throws -> StoredEntry? {
        guard let old = try await entry(id, memory: memory) else { return nil }
        var u = old.unit
        if let s = change.source { u.source = s }
        if let t = change.target { u.target = t }
        if let c = change.context { u.context = c }
        if let n = change.notes { u.notes = n }
        u.changed = Date()
        if let user = change.user { u.changer = user }
        if let reason = PreparedUnit.skipReason(u) { throw PostgresStoreError.query(database: location.description, reason: "entry \(id): \(reason)") }
        let p = PreparedUnit.prepare([CopyText.clean(u)], segmenter: segmenter)[0]
        let hash = Self.contentHash(p.unit)
        return try await guarded { [self, u] in
            try await primary.withTransaction(logger: logger) { c in
                let rows = try await c.query("""
                    UPDATE tmkit_entry SET source = \(p.unit.source), target = \(p.unit.target), context = \(p.unit.context),
                        notes = \(p.unit.notes.isEmpty ? nil : EntryCoding.encode(strings: p.unit.notes)),
                        changed = \(Int64(u.changed!.timeIntervalSince1970)), changer = \(u.changer),
                        content_hash = \(ByteBuffer(bytes: hash)), source_khash = \(p.sourceKeysHash), target_khash = \(p.targetKeysHash),
                        source_tokens = \(ByteBuffer(bytes: p.sourceTokens)), target_tokens = \(ByteBuffer(bytes: p.targetTokens))
                    WHERE id = \(id) AND memory = (SELECT id FROM tmkit_memory WHERE name = \(memory))
                    RETURNING memory
                    """, logger: logger)
                var memoryID: Int32?
                for try await m in rows.decode(Int32.self) { memoryID = m }
                guard let memoryID else { return nil }
                var postings: [Int64: PostingBuffer] = [:]
                for t in p.sourceTerms { postings[t, default: PostingBuffer()].append(UInt64(id * 2), terms: UInt8(min(p.sourceTerms.count, 255))) }
                for t in p.targetTerms { postings[t, default: PostingBuffer()].append(UInt64(id * 2 + 1), terms: UInt8(min(p.targetTerms.count, 255))) }
                var block: Int64 = 0
                for try await b in try await c.query("SELECT nextval('tmkit_posting_block')", logger: logger).decode(Int64.self) { block = b }
                let terms = Array(postings.keys)
                let counts = terms.map { Int32(postings[$0]!.count) }
                let ids = terms.map { ByteBuffer(bytes: postings[$0]!.bytes) }
                try await c.query("""
                    INSERT INTO tmkit_posting(memory, term, block, count, ids)
                    SELECT \(memoryID), t, \(block), n, i FROM unnest(\(terms)::int8[], \(counts)::int4[], \(ids)::bytea[]) AS x(t, n, i)
                    """, logger: logger)
                return StoredEntry(id: id, unit: p.unit)
            }
        }
    }

    /// Entries whose source or target holds every word of `text` (by match key), oldest first.
    public func concordance(_ text: String, memory: String, limit: Int = 20) async throws -> [ConcordanceHit] {
        try await guarded(readerName) { [self] in
            let client = reader
            guard let row = try await memoryRow(memory, on: client) else { return [] }
            let query = ConcordanceQuery(text, segmenter: segmenter)
            guard !query.keys.isEmpty else { return [] }
            var hits: [ConcordanceHit] = []
            var seen = Set<Int64>()
            for language in Set(row.languages.map { LanguageTag($0)?.language ?? $0 }).sorted() {
                let terms = query.keys.map { ConcordanceQuery.term(language: language, key: $0) }
                var dfs: [Int64: Int64] = [:]
                let dfRows = try await client.query("""
                    SELECT term, sum(count)::int8 FROM tmkit_posting WHERE memory = \(row.id) AND term = ANY(\(terms)) GROUP BY term
                    """, logger: logger)
                for try await (t, df) in dfRows.decode((Int64, Int64).self) { dfs[t] = df }
                guard dfs.count == Set(terms).count, let rarest = dfs.min(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { continue }
                var sides: [Int64] = []
                let postings = try await client.query("""
                    SELECT ids FROM tmkit_posting WHERE memory = \(row.id) AND term = \(rarest) ORDER BY block
                    """, logger: logger)
                for try await ids in postings.decode(ByteBuffer.self) {
                    ids.withUnsafeReadableBytes { raw in
                        let b = raw.bindMemory(to: UInt8.self)
                        var i = 0
                        var side: UInt64 = 0
                        while i < b.count {
                            var shift: UInt64 = 0
                            var v: UInt64 = 0
                            while i < b.count {
                                let byte = b[i]
                                i += 1
                                v |= UInt64(byte & 0x7F) << shift
                                if byte < 0x80 { break }
                                shift += 7
                            }
                            side &+= v
                            i += 1
                            sides.append(Int64(side))
                        }
                    }
                }
                var start = 0
                while start < sides.count && hits.count < limit {
                    let chunk = Array(sides[start..<min(sides.count, start + 500)])
                    start += chunk.count
                    for (sideID, c) in try await storedCandidates(chunk, memory: row.id, on: client) {
                        guard !seen.contains(c.id), let hit = query.hit(c, sideID: sideID) else { continue }
                        seen.insert(c.id)
                        hits.append(hit)
                        if hits.count >= limit { break }
                    }
                }
            }
            return hits
        }
    }
}

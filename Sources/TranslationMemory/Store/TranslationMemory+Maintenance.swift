import Foundation
import SQLiteKit
import TMCore

/// Looking after a memory: show, browse, edit and delete entries. Every change is one
/// transaction that updates the entries and the index together.
extension TranslationMemory {
    static let fullColumns = """
        id, source_lang, target_lang, source, target, context, tuid, created, changed, creator, changer,
        properties, notes, seen, imported
        """

    static func entry(_ s: SQLiteStatement) -> TMEntry? {
        guard let sl = LanguageTag(s.string(1) ?? ""), let tl = LanguageTag(s.string(2) ?? "") else { return nil }
        func date(_ c: Int32) -> Date? { s.isNull(c) ? nil : Date(timeIntervalSince1970: TimeInterval(s.int64(c))) }
        let unit = TranslationUnit(
            source: s.string(3) ?? "", target: s.string(4) ?? "", sourceLanguage: sl, targetLanguage: tl,
            id: s.string(6), context: s.string(5), created: date(7), changed: date(8),
            creator: s.string(9), changer: s.string(10),
            properties: EntryCoding.decodeProperties(s.string(11)), notes: EntryCoding.decodeStrings(s.string(12)))
        return TMEntry(id: s.int64(0), unit: unit, seen: s.int(13), imported: date(14), origins: [])
    }

    /// The files entry `id` came from, most frequent first.
    func origins(of id: Int64) throws -> [EntryOrigin] {
        let s = try db.statement("""
            SELECT o.file, eo.count FROM entry_origin eo JOIN origin o ON o.id = eo.origin
            WHERE eo.entry = ? ORDER BY eo.count DESC, o.file
            """)
        s.bind(1, id)
        var out: [EntryOrigin] = []
        while try s.step() { out.append(EntryOrigin(file: s.string(0) ?? "", count: s.int(1))) }
        s.reset()
        return out
    }

    /// Entry `id` with its provenance, or nil when there is none.
    public func entry(id: Int64) throws -> TMEntry? {
        defer { db.releaseAll() }
        let s = try db.statement("SELECT \(Self.fullColumns) FROM entry WHERE id = ?")
        s.bind(1, id)
        guard try s.step(), var e = Self.entry(s) else { return nil }
        s.reset()
        e.origins = try origins(of: id)
        return e
    }

    /// Entry `id`, or `noSuchEntry`.
    public func requireEntry(id: Int64) throws -> TMEntry {
        guard let e = try entry(id: id) else { throw TranslationMemoryError.noSuchEntry(id: id, path: path) }
        return e
    }

    /// Calls `body` with each entry that `filter` covers, oldest first, skipping `offset` and
    /// stopping after `limit`. With `withOrigins`, each entry carries its provenance.
    public func entries(
        matching filter: TMFilter = TMFilter(), limit: Int? = nil, offset: Int = 0, withOrigins: Bool = false,
        _ body: (TMEntry) throws -> Void
    ) throws {
        defer { db.releaseAll() }
        let (condition, args) = filter.sql()
        // Not cached: body may run other queries.
        let s = try db.uncachedStatement("SELECT \(Self.fullColumns) FROM entry WHERE \(condition) ORDER BY id")
        for (i, a) in args.enumerated() { s.bind(Int32(i + 1), a) }
        var skipped = 0, given = 0
        while try s.step() {
            guard var e = Self.entry(s), filter.accepts(e.unit) else { continue }
            if skipped < offset { skipped += 1; continue }
            if let limit, given >= limit { break }
            if withOrigins { e.origins = try origins(of: e.id) }
            try body(e)
            given += 1
        }
    }

    /// Number of entries `filter` covers.
    public func count(matching filter: TMFilter) throws -> Int {
        if filter.isEmpty { return try count() }
        var n = 0
        try entries(matching: filter) { _ in n += 1 }
        return n
    }

    /// Changes entry `id`'s source, target, context or notes, analyses the changed sides again
    /// and re-indexes them, in one transaction. Returns the entry as stored.
    @discardableResult
    public func edit(id: Int64, _ change: EntryChange) throws -> TMEntry {
        let before = try requireEntry(id: id)
        guard !change.isEmpty else { throw TranslationMemoryError.invalidChange(id: id, reason: "nothing to change") }
        var u = before.unit
        if let s = change.source { u.source = s }
        if let t = change.target { u.target = t }
        if let c = change.context { u.context = c.flatMap { $0.isEmpty ? nil : $0 } }
        if let n = change.notes { u.notes = n }
        if ImportWriter.isBlank(u.source) { throw TranslationMemoryError.invalidChange(id: id, reason: "the source would be empty") }
        if ImportWriter.isBlank(u.target) { throw TranslationMemoryError.invalidChange(id: id, reason: "the target would be empty") }
        try db.transaction {
            var postings = PostingEditor()
            let old = try storedSides(id)
            let source = AnalyzedSide(segmenter.analyze(u.source))
            let target = AnalyzedSide(segmenter.analyze(u.target))
            postings.remove(side: id * 2, terms: IndexTerms.terms(of: old.source, text: before.unit.source, language: before.unit.sourceLanguage.language))
            postings.remove(side: id * 2 + 1, terms: IndexTerms.terms(of: old.target, text: before.unit.target, language: before.unit.targetLanguage.language))
            postings.add(side: id * 2, terms: IndexTerms.terms(of: source, text: u.source, language: u.sourceLanguage.language))
            postings.add(side: id * 2 + 1, terms: IndexTerms.terms(of: target, text: u.target, language: u.targetLanguage.language))
            let s = try db.statement("""
                UPDATE entry SET source = ?, target = ?, context = ?, notes = ?, changed = ?, changer = coalesce(?, changer),
                    pair_hash = ?, source_khash = ?, target_khash = ?, source_tokens = ?, target_tokens = ? WHERE id = ?
                """)
            s.bind(1, u.source)
            s.bind(2, u.target)
            s.bind(3, u.context)
            s.bind(4, u.notes.isEmpty ? nil : EntryCoding.encode(strings: u.notes))
            s.bind(5, Int64(Date().timeIntervalSince1970))
            s.bind(6, change.user)
            s.bind(7, ImportWriter.pairHash(u))
            s.bind(8, source.keysHash)
            s.bind(9, target.keysHash)
            s.bind(10, blob: source.encoded)
            s.bind(11, blob: target.encoded)
            s.bind(12, id)
            try s.step()
            try postings.apply(to: self)
        }
        return try requireEntry(id: id)
    }

    /// Deletes the entries `ids`, in one transaction. If one of them does not exist, nothing is deleted.
    @discardableResult
    public func delete(ids: [Int64]) throws -> Int {
        defer { db.releaseAll() }
        return try db.transaction {
            let exists = try db.statement("SELECT 1 FROM entry WHERE id = ?")
            for id in ids {
                exists.reset()
                exists.bind(1, id)
                guard try exists.step() else { throw TranslationMemoryError.noSuchEntry(id: id, path: path) }
            }
            exists.reset()
            return try deleteRows(Array(Set(ids)).sorted())
        }
    }

    /// Deletes the entries `filter` covers, in one transaction. When the filter names an origin
    /// file, this undoes that file's import: entries that other files also have only lose their
    /// link to it (and its count); the rest are deleted. An empty filter is refused.
    public func delete(matching filter: TMFilter) throws -> DeleteSummary {
        guard !filter.isEmpty else {
            throw TranslationMemoryError.invalidRequest("refusing to delete every entry: give a filter (or remove the memory)")
        }
        var ids: [Int64] = []
        try entries(matching: filter) { ids.append($0.id) }
        var summary = DeleteSummary()
        guard !ids.isEmpty else { return summary }
        defer { db.releaseAll() }
        try db.transaction {
            guard let origin = filter.origin else {
                summary.deleted = try deleteRows(ids)
                return
            }
            let (_, args) = TMFilter(origin: origin).sql()
            let originIDs = try db.uncachedStatement("""
                SELECT id FROM origin o WHERE o.file = ? OR o.file = ? OR substr(o.file, -length(?) - 1) = '/' || ?
                """)
            for (i, a) in args.enumerated() { originIDs.bind(Int32(i + 1), a) }
            var origins: [Int64] = []
            while try originIDs.step() { origins.append(originIDs.int64(0)) }
            let list = origins.map(String.init).joined(separator: ",")
            let unlink = try db.statement("DELETE FROM entry_origin WHERE entry = ? AND origin IN (\(list))")
            let remaining = try db.statement("SELECT sum(count) FROM entry_origin WHERE entry = ?")
            let setSeen = try db.statement("UPDATE entry SET seen = ? WHERE id = ?")
            var orphans: [Int64] = []
            for id in ids {
                unlink.reset()
                unlink.bind(1, id)
                try unlink.step()
                remaining.reset()
                remaining.bind(1, id)
                let left = try remaining.step() && !remaining.isNull(0) ? remaining.int(0) : 0
                if left == 0 {
                    orphans.append(id)
                } else {
                    setSeen.reset()
                    setSeen.bind(1, left)
                    setSeen.bind(2, id)
                    try setSeen.step()
                    summary.unlinked += 1
                }
            }
            remaining.reset()
            summary.deleted = try deleteRows(orphans)
        }
        return summary
    }

    /// Removes entry rows, their provenance and their postings (inside a transaction).
    private func deleteRows(_ ids: [Int64]) throws -> Int {
        var postings = PostingEditor()
        let info = try db.statement("SELECT source, target, source_lang, target_lang, source_tokens, target_tokens FROM entry WHERE id = ?")
        let drop = try db.statement("DELETE FROM entry WHERE id = ?")
        let unlink = try db.statement("DELETE FROM entry_origin WHERE entry = ?")
        var n = 0
        for id in ids {
            info.reset()
            info.bind(1, id)
            guard try info.step() else { continue }
            let source = try decodeSide(info, column: 4, id: id)
            let target = try decodeSide(info, column: 5, id: id)
            let sl = LanguageTag(info.string(2) ?? "")?.language ?? (info.string(2) ?? "")
            let tl = LanguageTag(info.string(3) ?? "")?.language ?? (info.string(3) ?? "")
            postings.remove(side: id * 2, terms: IndexTerms.terms(of: source, text: info.string(0) ?? "", language: sl))
            postings.remove(side: id * 2 + 1, terms: IndexTerms.terms(of: target, text: info.string(1) ?? "", language: tl))
            info.reset()
            for s in [drop, unlink] {
                s.reset()
                s.bind(1, id)
                try s.step()
            }
            n += 1
        }
        try postings.apply(to: self)
        return n
    }

    /// The analysed sides stored for entry `id`.
    func storedSides(_ id: Int64) throws -> (source: AnalyzedSide, target: AnalyzedSide) {
        let s = try db.statement("SELECT source_tokens, target_tokens FROM entry WHERE id = ?")
        s.bind(1, id)
        defer { s.reset() }
        guard try s.step() else { throw TranslationMemoryError.noSuchEntry(id: id, path: path) }
        return (try decodeSide(s, column: 0, id: id), try decodeSide(s, column: 1, id: id))
    }

    /// The analysed side in column `column`, or `damagedEntry`.
    func decodeSide(_ s: SQLiteStatement, column: Int32, id: Int64) throws -> AnalyzedSide {
        do {
            return try s.withBlob(column) { raw throws(AnalyzedSide.Damaged) in try AnalyzedSide(decoding: raw) }
        } catch {
            throw TranslationMemoryError.damagedEntry(path: path, id: id)
        }
    }

    /// The files entries came from, with their counts, most entries first.
    public func originSummaries() throws -> [OriginSummary] {
        defer { db.releaseAll() }
        let s = try db.statement("""
            SELECT o.file, count(eo.entry), coalesce(sum(eo.count), 0), o.last_imported FROM origin o
            JOIN entry_origin eo ON eo.origin = o.id GROUP BY o.id ORDER BY 2 DESC, 1
            """)
        var out: [OriginSummary] = []
        while try s.step() {
            out.append(OriginSummary(
                file: s.string(0) ?? "", entries: s.int(1), units: s.int(2),
                lastImported: s.isNull(3) ? nil : Date(timeIntervalSince1970: TimeInterval(s.int64(3)))))
        }
        return out
    }
}

import Foundation
import TMCore

/// Counts that describe a store.
public struct TMStatistics: Sendable {
    public var entries: Int
    /// Entries per language pair, as `source -> target`.
    public var languagePairs: [(source: String, target: String, entries: Int)]
    /// Bytes of the store file plus its write-ahead log.
    public var bytes: Int64
    public var schemaVersion: Int
    public var indexTerms: Int
}

extension TranslationMemory {
    /// Calls `body` with every entry as a unit, in the order they were added, one at a time.
    public func forEachEntry(_ body: (TranslationUnit) throws -> Void) throws {
        defer { db.releaseAll() }
        // A separate statement, not cached: body may run other queries.
        let s = try db.statement("""
            SELECT source_lang, target_lang, source, target, context, tuid, created, changed, creator, changer,
                   properties, notes FROM entry ORDER BY id
            """)
        while try s.step() {
            guard let sl = LanguageTag(s.string(0) ?? ""), let tl = LanguageTag(s.string(1) ?? "") else { continue }
            let unit = TranslationUnit(
                source: s.string(2) ?? "", target: s.string(3) ?? "", sourceLanguage: sl, targetLanguage: tl,
                id: s.string(5), context: s.string(4),
                created: s.isNull(6) ? nil : Date(timeIntervalSince1970: TimeInterval(s.int64(6))),
                changed: s.isNull(7) ? nil : Date(timeIntervalSince1970: TimeInterval(s.int64(7))),
                creator: s.string(8), changer: s.string(9),
                properties: EntryCoding.decodeProperties(s.string(10)), notes: EntryCoding.decodeStrings(s.string(11)))
            try body(unit)
        }
    }

    /// Entry count, language pairs, size on disk.
    public func statistics() throws -> TMStatistics {
        defer { db.releaseAll() }
        var pairs: [(String, String, Int)] = []
        let s = try db.statement("SELECT source_lang, target_lang, count(*) FROM entry GROUP BY 1, 2 ORDER BY 3 DESC")
        while try s.step() { pairs.append((s.string(0) ?? "", s.string(1) ?? "", s.int(2))) }
        let fm = FileManager.default
        var bytes: Int64 = 0
        for p in [path, path + "-wal"] {
            if let size = (try? fm.attributesOfItem(atPath: p))?[.size] as? NSNumber { bytes += size.int64Value }
        }
        return TMStatistics(
            entries: try count(), languagePairs: pairs.map { (source: $0.0, target: $0.1, entries: $0.2) },
            bytes: bytes, schemaVersion: try schemaVersion,
            indexTerms: Int(try db.integer("SELECT count(DISTINCT term) FROM posting") ?? 0))
    }
}

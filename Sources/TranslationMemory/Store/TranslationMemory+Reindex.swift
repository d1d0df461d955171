import Foundation
import TMCore

extension TranslationMemory {
    /// Whether the store's keys and index were built with another analysis than this tmkit's
    /// (an older segmentation, or a store older than schema 2), so lookups may miss matches
    /// until `reindex()` runs. An empty store is never stale.
    public var indexIsStale: Bool {
        get throws {
            guard try db.integer("SELECT id FROM entry LIMIT 1") != nil else { return false }
            return try meta("analysis") != analysisFingerprint
        }
    }

    /// The analysis the store says its index was built with (nil for stores older than schema 2).
    public var indexAnalysis: String? { get throws { try meta("analysis") } }

    /// Calls `warningHandler` once per open store when the index is stale.
    func warnIfStale() {
        guard !staleChecked else { return }
        staleChecked = true
        if (try? indexIsStale) == true {
            warningHandler?("\(path): the index was built with another version of the analysis; matches may be missed until `tmkit tm reindex` rebuilds it")
        }
    }

    /// Analyses every entry again and rebuilds its keys and the whole index in place, in one
    /// transaction: if anything fails (or `progress` throws), the old keys and index stay.
    /// `progress` receives entries done and the total. Returns the number of entries.
    @discardableResult
    public func reindex(progress: ((Int, Int) throws -> Void)? = nil) throws -> Int {
        defer { db.releaseAll() }
        let total = try count()
        var done = 0
        try db.transaction {
            try db.execute("DELETE FROM posting")
            var postings = try PostingSpool(db: db)
            let read = try db.statement("SELECT id, source_lang, target_lang, source, target FROM entry WHERE id > ? ORDER BY id LIMIT \(ImportWriter.batchSize)")
            let update = try db.statement("UPDATE entry SET source_khash = ?, target_khash = ?, source_tokens = ?, target_tokens = ? WHERE id = ?")
            var last: Int64 = 0
            while true {
                read.reset()
                read.bind(1, last)
                var ids: [Int64] = []
                var units: [TranslationUnit] = []
                while try read.step() {
                    guard let sl = LanguageTag(read.string(1) ?? ""), let tl = LanguageTag(read.string(2) ?? "") else {
                        throw TranslationMemoryError.store(path: path, reason: "entry #\(read.int64(0)) has an unreadable language code")
                    }
                    ids.append(read.int64(0))
                    units.append(TranslationUnit(source: read.string(3) ?? "", target: read.string(4) ?? "", sourceLanguage: sl, targetLanguage: tl))
                }
                guard let lastID = ids.last else { break }
                last = lastID
                let analyzed = PendingAnalysis(units, counts: units.map { _ in 1 }, cached: units.map { _ in (nil, nil) }, segmenter: segmenter).wait()
                for (id, a) in zip(ids, analyzed) {
                    update.reset()
                    update.bind(1, a.sourceKeysHash)
                    update.bind(2, a.targetKeysHash)
                    update.bind(3, blob: a.sourceBlob)
                    update.bind(4, blob: a.targetBlob)
                    update.bind(5, id)
                    try update.step()
                    postings.add(side: id * 2, terms: a.sourceTerms)
                    postings.add(side: id * 2 + 1, terms: a.targetTerms)
                    try postings.entryAdded()
                }
                done += ids.count
                try progress?(done, total)
            }
            try setMeta("posting_block", String(try postings.finish(firstBlock: 0)))
            try setMeta("analysis", analysisFingerprint)
        }
        staleChecked = false
        return done
    }
}

import Foundation
import Segmentation
import SQLiteKit
import TMCore

/// Match keys in the store. A term's key is made with the glossary's whole lexicon (the words
/// inside the term's own words are all it consults), so the same glossary gives the same keys
/// whatever order its concepts come in. Adding a word that is inside another term's words
/// makes that term's key again.
extension GlossaryStore {
    /// Runs `body`, which adds many concepts, in one transaction: Korean terms are stored
    /// without keys and without the look-up indexes, then every such key is made once with the
    /// whole lexicon and the indexes are built. The store is unchanged when `body` throws.
    /// A load that never asks the index of term texts (as `insertMerging` and duplicate checks
    /// do) may drop it too (`withTextIndex: false`).
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T { try bulkLoad(withTextIndex: true, body) }

    /// `bulkLoad`, the text index dropped during the load unless `withTextIndex`.
    public func bulkLoad<T>(withTextIndex: Bool, _ body: () throws -> T) throws -> T {
        try transaction {
            bulk = true
            defer { bulk = false; bulkWords.removeAll() }
            // A page cache of 64 MB for the load and the index sorts (SQLite's default is 2 MB).
            try db.execute("PRAGMA cache_size=-65536; DROP INDEX IF EXISTS terms_key; DROP INDEX IF EXISTS terms_klen;"
                           + (withTextIndex ? "" : " DROP INDEX IF EXISTS terms_text;"))
            let value = try body()
            try rekeyAll()
            try db.execute(Self.indexes)
            return value
        }
    }

    /// Makes every term's key again with the whole lexicon, in blocks (so memory stays flat),
    /// each block's keys made on every processor.
    func rekeyAll() throws {
        let lexicon = KoreanLexicon(words: Set(try lexiconWords()))
        let read = try db.statement("SELECT concept, position, text, key FROM terms WHERE (concept, position) > (?, ?) ORDER BY concept, position LIMIT 32768")
        var last: (Int64, Int) = (Int64.min, 0)
        let threads = Parallel.defaultThreads
        while true {
            read.bind(1, last.0)
            read.bind(2, last.1)
            var block: [(concept: Int64, position: Int, text: String, old: String)] = []
            while try read.step() { block.append((read.int64(0), read.int(1), read.string(2) ?? "", read.string(3) ?? "")) }
            read.reset()
            guard let end = block.last else { break }
            last = (end.concept, end.position)
            // Keyed when stored: the lexicon plays no part in a key without Hangul.
            let todo = block.filter { !(bulk && !$0.old.isEmpty && !TermKeyer.hasHangul($0.text)) }
            let texts = todo.map(\.text)
            let keys = Parallel.map(count: texts.count, threads: threads) { range -> [(joined: String, count: Int)] in
                let keyer = TermKeyer(lexicon: lexicon)
                var cache: [String: (joined: String, count: Int)] = [:]
                return range.map { i in
                    if let k = cache[texts[i]] { return k }
                    let k = keyer.key(texts[i])
                    cache[texts[i]] = k
                    return k
                }
            }.flatMap { $0 }
            for (row, key) in zip(todo, keys) where key.joined != row.old || bulk {
                try setKey(key, concept: row.concept, position: row.position)
            }
        }
        try setMeta("lexicon.longest", String(try db.integer("SELECT max(length(word)) FROM lexicon") ?? 0))
        try setMeta("keys", TermKeyer.version)
    }

    /// Makes again the keys of the terms that contain one of `words` (new lexicon words).
    func rekey(containing words: [String]) throws {
        let s = try db.statement("SELECT concept, position, text, key FROM terms WHERE EXISTS (SELECT 1 FROM json_each(?) WHERE instr(terms.text, value) > 0)")
        s.bind(1, Self.jsonArray(words))
        var rows: [(Int64, Int, String, String)] = []
        while try s.step() { rows.append((s.int64(0), s.int(1), s.string(2) ?? "", s.string(3) ?? "")) }
        s.reset()
        for (concept, position, text, old) in rows {
            let key = try self.key(text)
            if key.joined != old { try setKey(key, concept: concept, position: position) }
        }
    }

    private func setKey(_ key: (joined: String, count: Int), concept: Int64, position: Int) throws {
        let u = try db.statement("UPDATE terms SET key = ?, klen = ?, tokens = ? WHERE concept = ? AND position = ?")
        u.bind(1, key.joined)
        u.bind(2, key.joined.unicodeScalars.count)
        u.bind(3, key.count)
        u.bind(4, concept)
        u.bind(5, position)
        try u.step()
        u.reset()
    }
}

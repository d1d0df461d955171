import Foundation
import Segmentation
import SQLiteKit

/// Match keys in the store. A term's key is made with the glossary's whole lexicon (the words
/// inside the term's own words are all it consults), so the same glossary gives the same keys
/// whatever order its concepts come in. Adding a word that is inside another term's words
/// makes that term's key again.
extension GlossaryStore {
    /// Runs `body`, which adds many concepts, in one transaction: Korean terms are stored
    /// without keys and without the look-up indexes, then every such key is made once with the
    /// whole lexicon and the indexes are built. The store is unchanged when `body` throws.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        try transaction {
            bulk = true
            defer { bulk = false }
            // A page cache of 64 MB for the load and the index sorts (SQLite's default is 2 MB).
            try db.execute("PRAGMA cache_size=-65536; DROP INDEX IF EXISTS terms_key; DROP INDEX IF EXISTS terms_klen;")
            let value = try body()
            try rekeyAll()
            try db.execute(Self.indexes)
            return value
        }
    }

    /// Makes every term's key again with the whole lexicon (in blocks, so memory stays flat).
    func rekeyAll() throws {
        let keyer = TermKeyer(lexicon: KoreanLexicon(words: Set(try lexiconWords())))
        let read = try db.statement("SELECT concept, position, text, key FROM terms WHERE (concept, position) > (?, ?) ORDER BY concept, position LIMIT 4096")
        var last: (Int64, Int) = (Int64.min, 0)
        var cache: [String: (joined: String, count: Int)] = [:]
        while true {
            read.bind(1, last.0)
            read.bind(2, last.1)
            var block: [(Int64, Int, String, String)] = []
            while try read.step() { block.append((read.int64(0), read.int(1), read.string(2) ?? "", read.string(3) ?? "")) }
            read.reset()
            guard let end = block.last else { break }
            last = (end.0, end.1)
            for (concept, position, text, old) in block {
                // Keyed when stored: the lexicon plays no part in a key without Hangul.
                if bulk && !old.isEmpty && !TermKeyer.hasHangul(text) { continue }
                if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
                let key = cache[text] ?? keyer.key(text)
                cache[text] = key
                if key.joined != old || bulk { try setKey(key, concept: concept, position: position) }
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

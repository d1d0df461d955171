import Foundation
import NIOCore
import PostgresNIO
import TMCore
import TranslationMemory

extension PostgresMemory {
    /// The best matches for `text` in `memory`, best first: the same candidates, scores and
    /// order as `TranslationMemory.lookup` over the same entries. Three round trips, each a
    /// prepared statement: keys, frequencies and size; postings; entries (and two more for the
    /// wide pass).
    public func lookup(_ text: String, memory: String, options: LookupOptions = LookupOptions()) async throws -> [TMMatch] {
        try await guarded(readerName) { [self] in
            let client = reader
            // The languages stored matter only when the query's language is not given.
            let fresh = options.sourceLanguage == nil
            guard let row = try await (fresh ? memoryRow(memory, on: client) : cachedMemoryRow(memory, on: client)) else { return [] }
            let query = LookupQuery(text, options: options, storedLanguages: row.languages, segmenter: segmenter)
            let start = try await lookupStart(query, memory: row.id, on: client)
            var matches: [TMMatch] = []
            let ids = try await candidates(query, start: start, memory: row.id, on: client, breadth: .narrow(options.candidates))
            for (_, c) in try await storedCandidates(ids, memory: row.id, on: client) {
                if let m = query.match(c) { matches.append(m) }
            }
            // The SQLite store's wide pass, for low thresholds when nothing of 75 or more turned up.
            if query.needsWidePass(after: matches) {
                let scored = Set(ids)
                let wide = try await candidates(query, start: start, memory: row.id, on: client, breadth: query.wide).filter { !scored.contains($0) }
                for (_, c) in try await storedCandidates(wide, memory: row.id, on: client) {
                    if let m = query.match(c) { matches.append(m) }
                }
            }
            return query.best(matches)
        }
    }

    /// What a lookup reads before the postings: the side ids with the query's keys (source
    /// sides first, each in id order), the query terms' document frequencies and the number of
    /// sides the memory may hold.
    struct LookupStart {
        var exact: [Int64] = []
        var documentFrequencies: [Int64: Int] = [:]
        var sides: Double = 2
    }

    func lookupStart(_ query: LookupQuery, memory: Int32, on client: PostgresClient) async throws -> LookupStart {
        var start = LookupStart()
        var source: [Int64] = [], target: [Int64] = []
        var maxEntry: Int64 = 0
        let rows = try await client.execute(LookupStatements.Start(memory: memory, keysHash: query.keysHash, terms: query.terms), logger: logger)
        for try await (kind, a, b) in rows {
            switch kind {
            case 0: source.append(a)
            case 1: target.append(a)
            case 2: start.documentFrequencies[a] = Int(b)
            default: maxEntry = a
            }
        }
        start.exact = source.sorted() + target.sorted()
        start.sides = Double(max(1, maxEntry * 2))
        return start
    }

    /// Side ids worth scoring, as the SQLite store picks them: the same keys first, then the
    /// index's best by IDF-weighted shared terms.
    func candidates(_ query: LookupQuery, start: LookupStart, memory: Int32, on client: PostgresClient, breadth: LookupQuery.Breadth) async throws -> [Int64] {
        var result: [Int64] = []
        var seen = Set<Int64>()
        for id in start.exact where seen.insert(id).inserted { result.append(id) }
        guard !query.terms.isEmpty else { return result }
        let sides = start.sides
        let read = query.termsToRead(documentFrequencies: start.documentFrequencies, sides: sides, breadth: breadth)
        guard !read.isEmpty else { return result }
        let idf = Dictionary(read.map { ($0.term, $0.idf) }, uniquingKeysWith: { a, _ in a })
        let scratch = self.scratch.take()
        defer { self.scratch.give(scratch) }
        scratch.grow(to: Int(sides) + 2)
        let postings = try await client.execute(LookupStatements.Postings(memory: memory, ids: read.map(\.term)), logger: logger)
        for try await (term, ids) in postings {
            guard let w = idf[term] else { continue }
            ids.withUnsafeReadableBytes { LookupQuery.accumulate($0, idf: w, into: scratch) }
        }
        for id in query.ranked(scratch, breadth: breadth, sides: sides) where seen.insert(id).inserted { result.append(id) }
        return result
    }

    /// The entries behind `sideIDs`, each seen from its side, in the order of `sideIDs`.
    func storedCandidates(_ sideIDs: [Int64], memory: Int32, on client: PostgresClient) async throws -> [(Int64, StoredCandidate)] {
        guard !sideIDs.isEmpty else { return [] }
        let entryIDs = Array(Set(sideIDs.map { $0 >> 1 }))
        let rows = try await client.execute(LookupStatements.Entries(memory: memory, ids: entryIDs), logger: logger)
        var byID: [Int64: (String, String, String, String, ByteBuffer, ByteBuffer, String?, String?, Int32, Int64?)] = [:]
        for try await r in rows {
            byID[r.0] = (r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10)
        }
        var out: [(Int64, StoredCandidate)] = []
        out.reserveCapacity(sideIDs.count)
        for sideID in sideIDs {
            guard let e = byID[sideID >> 1] else { continue }
            let src = sideID & 1 == 0
            let tokens = src ? e.4 : e.5
            let candidate = tokens.withUnsafeReadableBytes {
                StoredCandidate(
                    id: sideID >> 1, tokens: $0, sideText: src ? e.2 : e.3, sideLanguage: src ? e.0 : e.1,
                    otherText: src ? e.3 : e.2, otherLanguage: src ? e.1 : e.0, tuid: e.6, context: e.7, seen: Int(e.8), date: e.9)
            }
            guard let candidate else {
                throw PostgresStoreError.query(database: location.description, reason: "entry \(sideID >> 1) has a damaged analysis")
            }
            out.append((sideID, candidate))
        }
        return out
    }
}

/// Changes to the posting index for a few entries, applied term by term inside the caller's
/// transaction: each touched term's blocks are read, the removed sides dropped, the added ones
/// merged in, and the term written back as one block. Document frequencies stay exact.
struct PostingEditor {
    private var removed: [Int64: Set<Int64>] = [:]
    private var added: [Int64: [(side: Int64, terms: UInt8)]] = [:]

    var isEmpty: Bool { removed.isEmpty && added.isEmpty }

    /// Drops `side` from the postings of `terms` (the terms it was indexed under).
    mutating func remove(side: Int64, terms: [Int64]) {
        for t in terms { removed[t, default: []].insert(side) }
    }

    /// Adds `side` under `terms`.
    mutating func add(side: Int64, terms: [Int64]) {
        let n = UInt8(min(terms.count, 255))
        for t in terms { added[t, default: []].append((side, n)) }
    }

    func apply(to tm: TranslationMemory) throws {
        let db = tm.db
        let read = try db.statement("SELECT block, ids FROM posting WHERE term = ? ORDER BY block")
        let drop = try db.statement("DELETE FROM posting WHERE term = ?")
        var nextBlock = Int64(try tm.meta("posting_block").flatMap { Int64($0) } ?? 0)
        var usedNewBlock = false
        for term in Set(removed.keys).union(added.keys).sorted() {
            let gone = removed[term] ?? []
            var sides: [(side: Int64, terms: UInt8)] = []
            var firstBlock: Int64?
            read.reset()
            read.bind(1, term)
            while try read.step() {
                if firstBlock == nil { firstBlock = read.int64(0) }
                read.withBlob(1) { raw in
                    let b = raw.bindMemory(to: UInt8.self)
                    var i = 0
                    var side: UInt64 = 0
                    while i < b.count {
                        side &+= Varint.read(b, &i)
                        let n = b[i]
                        i += 1
                        if !gone.contains(Int64(side)) { sides.append((Int64(side), n)) }
                    }
                }
            }
            sides += added[term] ?? []
            sides.sort { $0.side < $1.side }
            drop.reset()
            drop.bind(1, term)
            try drop.step()
            guard !sides.isEmpty else { continue }
            var buffer = PostingBuffer()
            var last: Int64 = -1
            for s in sides where s.side != last {
                buffer.append(UInt64(s.side), terms: s.terms)
                last = s.side
            }
            let block: Int64
            if let firstBlock {
                block = firstBlock
            } else {
                block = nextBlock
                usedNewBlock = true
            }
            try PostingSpool.write(term, block: block, buffer, to: db)
        }
        if usedNewBlock {
            nextBlock += 1
            try tm.setMeta("posting_block", String(nextBlock))
        }
    }
}

import SQLiteKit

/// The postings of a bulk write (an import, a reindex): gathered in memory by term, spilled in
/// chunks to a temporary table, and merged into `posting` once, in term order, at the end.
///
/// `posting` is clustered by term, so writing every chunk straight into it touched nearly every
/// page of the table once per chunk: a large import rewrote its index over and over, and the
/// store's log grew with it. A spill is an append to SQLite's temporary file (outside the
/// store and its log, gone with the connection), and the merge reads the chunks side by side,
/// each in term order, writing each term once, its chunks joined into blocks of up to
/// `blockBytes`. Memory stays bounded by one chunk. All of it runs inside the caller's
/// transaction: nothing reaches `posting` unless that transaction commits.
struct PostingSpool {
    /// Entries gathered in memory before a spill.
    let spillEvery: Int
    /// Largest posting blob the merge writes (a term with more postings gets several blocks).
    let blockBytes: Int

    private let db: SQLiteDatabase
    private var pending: [Int64: PostingBuffer] = [:]
    private var pendingEntries = 0
    private var chunks = 0

    init(db: SQLiteDatabase, spillEvery: Int = 100_000, blockBytes: Int = 1 << 20) throws {
        self.db = db
        self.spillEvery = spillEvery
        self.blockBytes = blockBytes
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS posting_spool(
                chunk INTEGER NOT NULL, term INTEGER NOT NULL, count INTEGER NOT NULL, last INTEGER NOT NULL, ids BLOB NOT NULL,
                PRIMARY KEY (chunk, term)) WITHOUT ROWID;
            DELETE FROM temp.posting_spool
            """)
    }

    /// Adds one side under its index terms. Side ids must come in increasing order.
    mutating func add(side: Int64, terms: [Int64]) {
        let n = UInt8(min(terms.count, 255))
        for term in terms { pending[term, default: PostingBuffer()].append(UInt64(side), terms: n) }
    }

    /// Counts one entry added (both of its sides); spills when a chunk is full.
    mutating func entryAdded() throws {
        pendingEntries += 1
        if pendingEntries >= spillEvery { try spill() }
    }

    private mutating func spill() throws {
        guard !pending.isEmpty else { return }
        let s = try db.statement("INSERT INTO temp.posting_spool(chunk, term, count, last, ids) VALUES(?,?,?,?,?)")
        for (term, buffer) in pending.sorted(by: { $0.key < $1.key }) {
            s.reset()
            s.bind(1, chunks)
            s.bind(2, term)
            s.bind(3, buffer.count)
            s.bind(4, Int64(bitPattern: buffer.last))
            s.bind(5, blob: buffer.bytes)
            try s.step()
        }
        chunks += 1
        pending.removeAll()
        pendingEntries = 0
    }

    /// Writes everything gathered into `posting`, under block numbers from `firstBlock`, and
    /// returns the next free block number.
    mutating func finish(firstBlock: Int64) throws -> Int64 {
        let db = db
        func put(_ term: Int64, _ block: Int64, _ buffer: PostingBuffer) throws {
            try Self.write(term, block: block, buffer, to: db)
        }
        if chunks == 0 {
            // Small enough to have stayed in memory: one block.
            guard !pending.isEmpty else { return firstBlock }
            for (term, buffer) in pending.sorted(by: { $0.key < $1.key }) { try put(term, firstBlock, buffer) }
            pending.removeAll()
            pendingEntries = 0
            return firstBlock + 1
        }
        try spill()
        var blocks: Int64 = 1
        do {
            // One cursor per chunk, each in term order; a heap of their current terms.
            let cursors = try (0..<chunks).map {
                try db.uncachedStatement("SELECT term, count, last, ids FROM temp.posting_spool WHERE chunk = \($0) ORDER BY term")
            }
            var heap = MinHeap<(term: Int64, chunk: Int)> { ($0.term, $0.chunk) < ($1.term, $1.chunk) }
            for (k, c) in cursors.enumerated() where try c.step() { heap.push((c.int64(0), k)) }
            while let first = heap.peek() {
                let term = first.term
                var block = firstBlock
                var buffer = PostingBuffer()
                // Chunks of one term pop in chunk order, so side ids stay increasing.
                while let top = heap.peek(), top.term == term {
                    _ = heap.pop()
                    let c = cursors[top.chunk]
                    let count = c.int(1)
                    let last = UInt64(bitPattern: c.int64(2))
                    try c.withBlob(3) { raw in
                        if buffer.count > 0 && buffer.bytes.count + raw.count > blockBytes {
                            try put(term, block, buffer)
                            block += 1
                            buffer = PostingBuffer()
                        }
                        buffer.append(block: raw, count: count, last: last)
                    }
                    if try c.step() { heap.push((c.int64(0), top.chunk)) }
                }
                try put(term, block, buffer)
                blocks = max(blocks, block - firstBlock + 1)
            }
        }
        try db.execute("DELETE FROM temp.posting_spool")
        chunks = 0
        return firstBlock + blocks
    }
}

extension PostingSpool {
    /// Writes one posting row: `buffer`'s sides under `term`, as block `block`.
    static func write(_ term: Int64, block: Int64, _ buffer: PostingBuffer, to db: SQLiteDatabase) throws {
        let s = try db.statement("INSERT INTO posting(term, block, count, ids) VALUES(?,?,?,?)")
        s.bind(1, term)
        s.bind(2, block)
        s.bind(3, buffer.count)
        s.bind(4, blob: buffer.bytes)
        try s.step()
    }
}

/// A binary min-heap under `less`.
struct MinHeap<Element> {
    private var items: [Element] = []
    private let less: (Element, Element) -> Bool

    init(less: @escaping (Element, Element) -> Bool) { self.less = less }

    func peek() -> Element? { items.first }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}

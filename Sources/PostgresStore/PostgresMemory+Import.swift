import Crypto
import Foundation
import NIOCore
import PostgresNIO
import Segmentation
import TMCore
import TranslationMemory

extension PostgresMemory {
    /// Imports the units that `produce` emits into `memory` (created when missing), in one
    /// transaction: if `produce` or a unit throws, or the connection drops, nothing from this call
    /// is stored. Entries are unique per memory by a SHA-256 of languages, source, target and
    /// context, so concurrent imports of overlapping files store each pair once. `produce` runs
    /// on a thread of its own (readers are synchronous); batches are analysed there while the
    /// previous one is written.
    public func importUnits(
        file: String,
        memory: String,
        progress: (@Sendable (Int) -> Void)? = nil,
        _ produce: @escaping @Sendable (_ emit: (TranslationUnit) throws -> Void) throws -> [String: Int]
    ) async throws -> ImportSummary {
        let memoryID = try await guarded { [self] in try await createMemory(memory) }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await importOnce(file: file, memoryID: memoryID, progress: progress, produce)
            } catch {
                // Two imports that wait on each other's rows: PostgreSQL aborts one; it starts again.
                if let state = PostgresStoreError.sqlState(error), state == "40P01" || state == "40001", attempt < 8 { continue }
                throw PostgresStoreError.wrap(error, database: location.description)
            }
        }
    }

    private func importOnce(
        file: String, memoryID: Int32, progress: (@Sendable (Int) -> Void)?,
        _ produce: @escaping @Sendable (_ emit: (TranslationUnit) throws -> Void) throws -> [String: Int]
    ) async throws -> ImportSummary {
        let batches = PreparedBatches(file: file, segmenter: segmenter, produce: produce)
        defer { batches.cancel() }
        let importedAt = Int64(Date().timeIntervalSince1970)
        return try await primary.withTransaction(logger: logger) { c in
            var summary = ImportSummary(file: file)
            try await c.query("""
                CREATE TEMP TABLE tmkit_incoming (
                    source_lang text, target_lang text, source text, target text, context text, tuid text,
                    created bigint, changed bigint, creator text, changer text, properties text, notes text,
                    origin text, content_hash bytea, source_khash bigint, target_khash bigint,
                    source_tokens bytea, target_tokens bytea) ON COMMIT DROP
                """, logger: logger)
            var postings: [Int64: PostingBuffer] = [:]
            var pendingEntries = 0
            var maxID: Int64 = 0
            var languages = Set<String>()
            for try await batch in batches.stream {
                batches.took()
                summary.read += batch.read
                summary.duplicates += batch.duplicates
                for (k, v) in batch.skipped { summary.skipped[k, default: 0] += v }
                guard !batch.units.isEmpty else { continue }
                try await c.copyFrom(table: "tmkit_incoming", logger: logger) { writer in
                    var buffer = ByteBuffer()
                    for (u, hash) in zip(batch.units, batch.hashes) {
                        CopyText.row(u, hash: hash, into: &buffer)
                        if buffer.readableBytes > 1 << 20 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
                let inserted = try await c.query("""
                    INSERT INTO tmkit_entry(memory, source_lang, target_lang, source, target, context, tuid, created, changed,
                        creator, changer, properties, notes, origin, content_hash, source_khash, target_khash, source_tokens, target_tokens,
                        imported)
                    SELECT \(memoryID), *, \(importedAt) FROM tmkit_incoming
                    ON CONFLICT (memory, content_hash) DO UPDATE SET seen = tmkit_entry.seen + 1
                    RETURNING id, content_hash, (xmax = 0)
                    """, logger: logger)
                var index: [Data: Int] = [:]
                for (i, h) in batch.hashes.enumerated() { index[h] = i }
                var added: [(Int64, Int)] = []
                for try await (id, hash, isNew) in inserted.decode((Int64, ByteBuffer, Bool).self) where isNew {
                    if let i = index[Data(hash.readableBytesView)] { added.append((id, i)) }
                }
                try await c.query("TRUNCATE tmkit_incoming", logger: logger)
                added.sort { $0.0 < $1.0 }
                summary.added += added.count
                summary.duplicates += batch.units.count - added.count
                for (id, i) in added {
                    let u = batch.units[i]
                    let ns = UInt8(min(u.sourceTerms.count, 255)), nt = UInt8(min(u.targetTerms.count, 255))
                    for t in u.sourceTerms { postings[t, default: PostingBuffer()].append(UInt64(id * 2), terms: ns) }
                    for t in u.targetTerms { postings[t, default: PostingBuffer()].append(UInt64(id * 2 + 1), terms: nt) }
                    languages.insert(u.unit.sourceLanguage.code)
                    languages.insert(u.unit.targetLanguage.code)
                    maxID = max(maxID, id)
                }
                pendingEntries += added.count
                if pendingEntries >= 100_000 {
                    try await flush(&postings, memoryID: memoryID, on: c)
                    pendingEntries = 0
                }
                progress?(summary.read)
            }
            try await flush(&postings, memoryID: memoryID, on: c)
            // Pairs the file had more than once: seen that many more times.
            let repeats = batches.repeats.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            if !repeats.isEmpty {
                try await c.query("""
                    UPDATE tmkit_entry e SET seen = e.seen + r.n
                    FROM unnest(\(repeats.map { ByteBuffer(bytes: $0.key) })::bytea[], \(repeats.map { Int32($0.value) })::int4[]) AS r(h, n)
                    WHERE e.memory = \(memoryID) AND e.content_hash = r.h
                    """, logger: logger)
            }
            if maxID > 0 {
                let langs = languages.sorted()
                try await c.query("""
                    UPDATE tmkit_memory SET max_entry = greatest(max_entry, \(maxID)),
                        languages = (SELECT coalesce(string_agg(DISTINCT l, ' ' ORDER BY l), '')
                                     FROM unnest(string_to_array(languages, ' ') || \(langs)::text[]) AS l WHERE l <> '')
                    WHERE id = \(memoryID)
                    """, logger: logger)
            }
            return summary
        }
    }

    /// Writes the gathered postings as one new block per term.
    private func flush(_ postings: inout [Int64: PostingBuffer], memoryID: Int32, on c: PostgresConnection) async throws {
        guard !postings.isEmpty else { return }
        var block: Int64 = 0
        for try await b in try await c.query("SELECT nextval('tmkit_posting_block')", logger: logger).decode(Int64.self) { block = b }
        let sorted = postings.sorted { $0.key < $1.key }
        try await c.copyFrom(table: "tmkit_posting", columns: ["memory", "term", "block", "count", "ids"], logger: logger) { writer in
            var buffer = ByteBuffer()
            for (term, p) in sorted {
                buffer.writeString("\(memoryID)\t\(term)\t\(block)\t\(p.count)\t")
                CopyText.bytea(p.bytes, into: &buffer)
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes > 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        postings.removeAll()
    }

    /// The identity of a pair within a memory: SHA-256 of languages, source, target and context.
    static func contentHash(_ u: TranslationUnit) -> Data {
        var h = SHA256()
        for part in [u.sourceLanguage.code, u.targetLanguage.code, u.source, u.target] {
            h.update(data: Data(part.utf8))
            h.update(data: Data([0]))
        }
        if let c = u.context { h.update(data: Data([1])); h.update(data: Data(c.utf8)) } else { h.update(data: Data([0])) }
        return Data(h.finalize())
    }
}

/// One batch of an import, analysed and ready to write.
struct PreparedBatch: Sendable {
    var units: [PreparedUnit] = []
    var hashes: [Data] = []
    var read = 0
    var duplicates = 0
    var skipped: [String: Int] = [:]
}

/// Runs a reader on a thread of its own and hands analysed batches to the async writer, at most
/// a few ahead (the reader waits when the writer is slower).
final class PreparedBatches: @unchecked Sendable {
    let stream: AsyncThrowingStream<PreparedBatch, any Error>
    private let room = DispatchSemaphore(value: 3)
    private let lock = NSLock()
    private var cancelled = false
    private var _repeats: [Data: Int] = [:]

    /// Pairs the file had more than once: how many times more (complete once the stream ends).
    var repeats: [Data: Int] {
        lock.lock()
        defer { lock.unlock() }
        return _repeats
    }

    static let batchSize = 2048

    init(file: String, segmenter: Segmenter, produce: @escaping @Sendable (_ emit: (TranslationUnit) throws -> Void) throws -> [String: Int]) {
        var continuation: AsyncThrowingStream<PreparedBatch, any Error>.Continuation!
        stream = AsyncThrowingStream(bufferingPolicy: .unbounded) { continuation = $0 }
        let out = continuation!
        let thread = Thread { [self] in
            var seen = Set<Data>()
            var pending: [TranslationUnit] = []
            var batch = PreparedBatch()
            func send() throws {
                if !pending.isEmpty {
                    batch.units = PreparedUnit.prepare(pending, segmenter: segmenter)
                    pending.removeAll(keepingCapacity: true)
                }
                out.yield(batch)
                batch = PreparedBatch()
                room.wait()
                if isCancelled { throw CancellationError() }
            }
            do {
                let skipped = try produce { unit in
                    if self.isCancelled { throw CancellationError() }
                    batch.read += 1
                    for tag in [unit.sourceLanguage, unit.targetLanguage] where !tag.isKnownLanguage {
                        throw TranslationMemoryError.unknownLanguage(code: tag.code, location: unit.location)
                    }
                    if let reason = PreparedUnit.skipReason(unit) {
                        batch.skipped[reason, default: 0] += 1
                        return
                    }
                    let hash = PostgresMemory.contentHash(unit)
                    guard seen.insert(hash).inserted else {
                        batch.duplicates += 1
                        self.lock.lock()
                        self._repeats[hash, default: 0] += 1
                        self.lock.unlock()
                        return
                    }
                    pending.append(CopyText.clean(unit))
                    batch.hashes.append(hash)
                    if pending.count >= Self.batchSize { try send() }
                }
                for (reason, n) in skipped {
                    batch.skipped[reason, default: 0] += n
                    batch.read += n
                }
                try send()
                out.finish()
            } catch let error as TranslationMemoryError {
                out.finish(throwing: error)
            } catch is CancellationError {
                out.finish(throwing: CancellationError())
            } catch {
                out.finish(throwing: TranslationMemoryError.importFailed(file: file, reason: "\(error)"))
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Called by the writer after each batch it took, and once at the end.
    func took() { room.signal() }

    /// Stops the reader (after an error, or at the end).
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        for _ in 0..<4 { room.signal() }
    }
}

/// PostgreSQL's COPY text format.
enum CopyText {
    /// PostgreSQL text cannot hold U+0000: it is dropped.
    static func clean(_ u: TranslationUnit) -> TranslationUnit {
        guard u.source.utf8.contains(0) || u.target.utf8.contains(0) || (u.context?.utf8.contains(0) ?? false) else { return u }
        var u = u
        u.source = u.source.replacingOccurrences(of: "\u{0}", with: "")
        u.target = u.target.replacingOccurrences(of: "\u{0}", with: "")
        u.context = u.context?.replacingOccurrences(of: "\u{0}", with: "")
        return u
    }

    static func row(_ p: PreparedUnit, hash: Data, into b: inout ByteBuffer) {
        let u = p.unit
        text(u.sourceLanguage.code, &b); tab(&b)
        text(u.targetLanguage.code, &b); tab(&b)
        text(u.source, &b); tab(&b)
        text(u.target, &b); tab(&b)
        text(u.context, &b); tab(&b)
        text(u.id, &b); tab(&b)
        text(u.created.map { String(Int64($0.timeIntervalSince1970)) }, &b); tab(&b)
        text(u.changed.map { String(Int64($0.timeIntervalSince1970)) }, &b); tab(&b)
        text(u.creator, &b); tab(&b)
        text(u.changer, &b); tab(&b)
        text(u.properties.isEmpty ? nil : EntryCoding.encode(properties: u.properties), &b); tab(&b)
        text(u.notes.isEmpty ? nil : EntryCoding.encode(strings: u.notes), &b); tab(&b)
        text(u.location?.file, &b); tab(&b)
        bytea(Array(hash), into: &b); tab(&b)
        b.writeString(String(p.sourceKeysHash)); tab(&b)
        b.writeString(String(p.targetKeysHash)); tab(&b)
        bytea(p.sourceTokens, into: &b); tab(&b)
        bytea(p.targetTokens, into: &b)
        b.writeInteger(UInt8(ascii: "\n"))
    }

    @inline(__always) static func tab(_ b: inout ByteBuffer) { b.writeInteger(UInt8(ascii: "\t")) }

    static func text(_ s: String?, _ b: inout ByteBuffer) {
        guard var utf8 = s else {
            b.writeString("\\N")
            return
        }
        utf8.withUTF8 { bytes in
            // Runs without a byte to escape are written whole.
            var run = 0
            for (i, c) in bytes.enumerated() {
                let escaped: UInt8
                switch c {
                case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                case 0: escaped = 0
                default: continue
                }
                if i > run { b.writeBytes(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                run = i + 1
                if escaped != 0 { b.writeInteger(UInt8(ascii: "\\")); b.writeInteger(escaped) }
            }
            if bytes.count > run { b.writeBytes(UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
    }

    /// Each byte's two lower-case hex digits.
    private static let hexPairs: [UInt16] = (0..<256).map { x in
        let digits = Array("0123456789abcdef".utf8)
        return UInt16(digits[x >> 4]) | UInt16(digits[x & 15]) << 8
    }

    /// `\\x` and hex digits: the COPY-escaped form of bytea's hex input.
    static func bytea(_ bytes: [UInt8], into b: inout ByteBuffer) {
        let n = 3 + 2 * bytes.count
        b.writeWithUnsafeMutableBytes(minimumWritableBytes: n) { out in
            out[0] = UInt8(ascii: "\\")
            out[1] = UInt8(ascii: "\\")
            out[2] = UInt8(ascii: "x")
            hexPairs.withUnsafeBufferPointer { pairs in
                var o = 3
                for x in bytes {
                    let pair = pairs[Int(x)]
                    out[o] = UInt8(truncatingIfNeeded: pair)
                    out[o + 1] = UInt8(truncatingIfNeeded: pair >> 8)
                    o += 2
                }
            }
            return n
        }
    }
}

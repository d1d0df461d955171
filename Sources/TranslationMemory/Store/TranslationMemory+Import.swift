import Foundation
import Segmentation
import TMCore

/// What one import did.
public struct ImportSummary: Sendable, Hashable {
    public var file: String
    /// Units the reader produced, plus those it skipped.
    public var read = 0
    public var added = 0
    /// Units whose languages, source, target and context were already stored (or came twice).
    public var duplicates = 0
    /// Skipped units by reason (from the reader, and empty source or target).
    public var skipped: [String: Int] = [:]
    /// Whether this file had been imported before (its counts were replaced, not added).
    public var reimport = false
    /// How long the import took, when the caller measured it.
    public var seconds: Double?

    public init(file: String) { self.file = file }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Why nothing was stored or confirmed, when the file gave no usable unit; nil otherwise.
    public var nothingImportedReason: String? {
        guard added == 0 && duplicates == 0 else { return nil }
        if read == 0 { return "no translation units found" }
        let reasons = skipped.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "all \(read) units were skipped (\(reasons))"
    }
}

extension TranslationMemory {
    /// Imports the units that `produce` emits, in one transaction: if `produce` or a unit
    /// throws, nothing from this call is stored. `produce` calls `emit` for each unit and
    /// returns the units it skipped by reason. Memory stays bounded: units are analysed and
    /// written as they come, postings flushed in blocks.
    ///
    /// Every stored or confirmed entry is linked to `file` (its absolute path, or the name as
    /// given when it is no path, such as `<stdin>`) with the number of times the file had it.
    /// Importing the same file again replaces those counts, so it changes nothing.
    public func importUnits(
        file: String,
        progress: ((Int) -> Void)? = nil,
        _ produce: (_ emit: (TranslationUnit) throws -> Void) throws -> [String: Int]
    ) throws -> ImportSummary {
        try importCounted(file: file, origin: Origin.key(for: file), progress: progress) { emit in
            try withoutActuallyEscaping(emit) { emit in try produce { try emit($0, 1) } }
        }
    }

    /// The import behind `importUnits`, where each unit comes with the number of times it was seen.
    func importCounted(
        file: String, origin: String,
        progress: ((Int) -> Void)? = nil,
        _ produce: (_ emit: (TranslationUnit, Int) throws -> Void) throws -> [String: Int]
    ) throws -> ImportSummary {
        var summary = ImportSummary(file: file)
        try requireWritable()
        try requireIntact()
        do {
            try db.transaction {
                var writer = try ImportWriter(tm: self, origin: origin)
                summary.reimport = writer.reimport
                var batch: [TranslationUnit] = []
                var counts: [Int] = []
                batch.reserveCapacity(ImportWriter.batchSize)
                // Double buffering: one batch is analysed on the other cores while the
                // previous one is written here.
                var inFlight: PendingAnalysis?
                let skipped = try produce { unit, count in
                    batch.append(unit)
                    counts.append(count)
                    if batch.count >= ImportWriter.batchSize {
                        let next = try writer.prepare(batch, counts: counts, summary: &summary)
                        batch.removeAll(keepingCapacity: true)
                        counts.removeAll(keepingCapacity: true)
                        if let previous = inFlight { try writer.write(previous.wait(), summary: &summary) }
                        inFlight = next
                        progress?(summary.read)
                    }
                }
                let last = try writer.prepare(batch, counts: counts, summary: &summary)
                if let previous = inFlight { try writer.write(previous.wait(), summary: &summary) }
                try writer.write(last.wait(), summary: &summary)
                try writer.flushPostings()
                for (reason, n) in skipped {
                    summary.skipped[reason, default: 0] += n
                    summary.read += n
                }
                try writer.finish()
            }
        } catch let error as TranslationMemoryError {
            throw error
        } catch {
            throw TranslationMemoryError.importFailed(file: file, reason: "\(error)")
        }
        return summary
    }

    /// Imports units made in code (tests, other modules), in one transaction.
    @discardableResult
    public func importUnits<S: Sequence>(_ units: S, file: String = "<memory>") throws -> ImportSummary where S.Element == TranslationUnit {
        try importUnits(file: file) { emit in
            for unit in units { try emit(unit) }
            return [:]
        }
    }
}

/// Analysed unit ready to be written.
struct AnalyzedUnit: Sendable {
    var unit: TranslationUnit
    var source: AnalyzedSide
    var target: AnalyzedSide
    var sourceTerms: [Int64] = []
    var targetTerms: [Int64] = []
    /// What is stored for each side, prepared on the analysis threads.
    var sourceBlob: [UInt8] = []
    var targetBlob: [UInt8] = []
    var sourceKeysHash: Int64 = 0
    var targetKeysHash: Int64 = 0
    /// Times the import saw this unit.
    var count = 1
}

/// A text's identity for the analysis cache: two independent 64-bit hashes of its UTF-8
/// (hashing a Swift `String` normalizes it, which costs more than this).
struct TextKey: Hashable {
    var a: Int64
    var b: Int64
    init(_ s: String) {
        a = FNV64.hash(s)
        b = FNV64.hash(s, "k")
    }
}

/// Writes batches of units inside the import transaction: analysis (on all cores),
/// de-duplication, entry rows and posting blocks.
struct ImportWriter {
    static let batchSize = 2048

    let tm: TranslationMemory
    private var postings: PostingSpool
    /// Pairs of this import not yet written: first hash -> an independent second hash (128
    /// bits together). Written pairs leave it; `written` remembers them in a Bloom filter,
    /// so memory stays small for any import and a possible repeat is checked in the store.
    private var seenPairs: [Int64: Int64] = [:]
    private var written = BloomFilter()
    /// Repeats of units not written yet, by pair hash: added to the unit's count when it is.
    private var pendingCounts: [Int64: Int] = [:]
    /// First hashes shared by two different pairs of this import (checked against the store on write).
    private var collisions = Set<Int64>()
    private var languages = Set<String>()
    /// The origin row of this import, and whether it existed before.
    let originID: Int64
    let reimport: Bool
    /// Times this import saw each entry are counted in the temporary table `import_seen`
    /// (on disk, so memory does not grow with the import).
    private var firstAddedID: Int64?
    private let now = Int64(Date().timeIntervalSince1970)

    private let storeWasEmpty: Bool
    /// Analyses of recent texts, emptied when it holds `analysisCacheSize`.
    private var analysisCache: [TextKey: AnalyzedSide] = [:]
    static let analysisCacheSize = 50_000

    init(tm: TranslationMemory, origin: String, spillEvery: Int = 100_000) throws {
        self.tm = tm
        storeWasEmpty = try tm.db.integer("SELECT id FROM entry LIMIT 1") == nil
        postings = try PostingSpool(db: tm.db, spillEvery: spillEvery)
        let find = try tm.db.statement("SELECT id FROM origin WHERE file = ?")
        find.bind(1, origin)
        if try find.step() {
            originID = find.int64(0)
            reimport = try tm.db.integer("SELECT count(*) FROM entry_origin WHERE origin = \(originID)") ?? 0 > 0
            find.reset()
        } else {
            find.reset()
            let insert = try tm.db.statement("INSERT INTO origin(file, first_imported) VALUES(?, ?)")
            insert.bind(1, origin)
            insert.bind(2, Int64(Date().timeIntervalSince1970))
            try insert.step()
            originID = tm.db.lastInsertRowID
            reimport = false
        }
        if storeWasEmpty {
            try tm.setMeta("analysis", tm.analysisFingerprint)
            for index in TMSchema.lookupIndexes { try tm.db.execute("DROP INDEX IF EXISTS \(index.name)") }
        }
        try tm.db.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen(entry INTEGER PRIMARY KEY, count INTEGER NOT NULL); DELETE FROM temp.import_seen")
    }

    /// Counts `n` sightings of entry `id` by this import.
    private func addSeen(_ id: Int64, _ n: Int) throws {
        let s = try tm.db.statement("INSERT INTO temp.import_seen(entry, count) VALUES(?, ?) ON CONFLICT(entry) DO UPDATE SET count = count + excluded.count")
        s.bind(1, id)
        s.bind(2, n)
        try s.step()
    }

    /// Checks a batch and starts analysing it in the background.
    /// Duplicates are found here, before analysis, so they cost no analysis.
    mutating func prepare(_ units: [TranslationUnit], counts: [Int], summary: inout ImportSummary) throws -> PendingAnalysis {
        var kept: [TranslationUnit] = []
        var keptCounts: [Int] = []
        kept.reserveCapacity(units.count)
        for (unit, count) in zip(units, counts) {
            summary.read += 1
            for tag in [unit.sourceLanguage, unit.targetLanguage] where !tag.isKnownLanguage {
                throw TranslationMemoryError.unknownLanguage(code: tag.code, location: unit.location)
            }
            if Self.isBlank(unit.source) {
                summary.skipped["empty source", default: 0] += 1
            } else if Self.isBlank(unit.target) {
                summary.skipped["empty target", default: 0] += 1
            } else if try isDuplicate(unit, count: count) {
                summary.duplicates += 1
            } else {
                kept.append(unit)
                keptCounts.append(count)
            }
        }
        // Texts seen recently (a source with several translations, a repeated target) are not analysed again.
        let cached = kept.map { (analysisCache[TextKey($0.source)], analysisCache[TextKey($0.target)]) }
        return PendingAnalysis(kept, counts: keptCounts, cached: cached, segmenter: tm.segmenter)
    }

    mutating func write(_ analyzed: [AnalyzedUnit], summary: inout ImportSummary) throws {
        guard !analyzed.isEmpty else { return }
        if analysisCache.count > Self.analysisCacheSize { analysisCache.removeAll(keepingCapacity: true) }
        for a in analyzed {
            analysisCache[TextKey(a.unit.source)] = a.source
            analysisCache[TextKey(a.unit.target)] = a.target
        }
        let insert = try tm.db.statement("""
            INSERT INTO entry(source_lang, target_lang, source, target, context, tuid, created, changed, creator, changer,
                properties, notes, origin, pair_hash, source_khash, target_khash, source_tokens, target_tokens, seen, imported)
            VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for a in analyzed {
            let u = a.unit
            let pairHash = Self.pairHash(u)
            if seenPairs.removeValue(forKey: pairHash) != nil { written.insert(pairHash) }
            let count = a.count + (pendingCounts.removeValue(forKey: pairHash) ?? 0)
            if collisions.contains(pairHash), let id = try storedDuplicate(u, hash: pairHash) {
                summary.duplicates += 1
                try addSeen(id, count)
                continue
            }
            insert.reset()
            insert.bind(1, u.sourceLanguage.code)
            insert.bind(2, u.targetLanguage.code)
            insert.bind(3, u.source)
            insert.bind(4, u.target)
            insert.bind(5, u.context)
            insert.bind(6, u.id)
            if let d = u.created { insert.bind(7, Int64(d.timeIntervalSince1970)) }
            if let d = u.changed { insert.bind(8, Int64(d.timeIntervalSince1970)) }
            insert.bind(9, u.creator)
            insert.bind(10, u.changer)
            insert.bind(11, u.properties.isEmpty ? nil : EntryCoding.encode(properties: u.properties))
            insert.bind(12, u.notes.isEmpty ? nil : EntryCoding.encode(strings: u.notes))
            insert.bind(13, u.location?.file)
            insert.bind(14, pairHash)
            insert.bind(15, a.sourceKeysHash)
            insert.bind(16, a.targetKeysHash)
            insert.bind(17, blob: a.sourceBlob)
            insert.bind(18, blob: a.targetBlob)
            insert.bind(19, count)
            insert.bind(20, now)
            try insert.step()
            let id = tm.db.lastInsertRowID
            if firstAddedID == nil { firstAddedID = id }
            try addSeen(id, count)
            summary.added += 1
            languages.insert(u.sourceLanguage.code)
            languages.insert(u.targetLanguage.code)
            postings.add(side: id * 2, terms: a.sourceTerms)
            postings.add(side: id * 2 + 1, terms: a.targetTerms)
            try postings.entryAdded()
        }
    }

    static func isBlank(_ s: String) -> Bool {
        !s.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    static func pairHash(_ u: TranslationUnit) -> Int64 {
        FNV64.hash(u.sourceLanguage.code, u.targetLanguage.code, u.source, u.target, u.context ?? "")
    }

    /// Whether `u` is already stored or came earlier in this import (counting it for that
    /// entry); records it otherwise.
    private mutating func isDuplicate(_ u: TranslationUnit, count: Int) throws -> Bool {
        let h1 = Self.pairHash(u)
        let h2 = FNV64.hash(u.context ?? "", u.target, u.source, u.targetLanguage.code, u.sourceLanguage.code, "2")
        if let seen = seenPairs[h1] {
            if seen == h2 {
                pendingCounts[h1, default: 0] += count
                return true
            }
            collisions.insert(h1)
            return false
        }
        if !storeWasEmpty || written.mayContain(h1), let id = try storedDuplicate(u, hash: h1) {
            try addSeen(id, count)
            return true
        }
        seenPairs[h1] = h2
        return false
    }

    /// The id of the stored entry equal to `u` (comparing the text, not only the hash).
    private func storedDuplicate(_ u: TranslationUnit, hash: Int64) throws -> Int64? {
        let s = try tm.db.statement("SELECT source_lang, target_lang, source, target, context, id FROM entry WHERE pair_hash = ?")
        s.bind(1, hash)
        defer { s.reset() }
        while try s.step() {
            if s.string(0) == u.sourceLanguage.code, s.string(1) == u.targetLanguage.code, s.string(2) == u.source,
               s.string(3) == u.target, s.string(4) == u.context { return s.int64(5) }
        }
        return nil
    }

    /// Merges this import's postings into the index.
    mutating func flushPostings() throws {
        let first = Int64(try tm.meta("posting_block").flatMap { Int64($0) } ?? 0)
        let next = try postings.finish(firstBlock: first)
        if next != first { try tm.setMeta("posting_block", String(next)) }
    }

    /// Records languages and provenance: this import's count for every entry it saw replaces
    /// the count of an earlier import of the same file, and `seen` becomes the sum over files.
    mutating func finish() throws {
        var all = Set((try tm.meta("languages") ?? "").split(separator: " ").map(String.init))
        all.formUnion(languages)
        try tm.setMeta("languages", all.sorted().joined(separator: " "))
        // This import's count replaces an earlier import's of the same file.
        try tm.db.execute("""
            INSERT INTO entry_origin(entry, origin, count) SELECT entry, \(originID), count FROM temp.import_seen WHERE true
            ON CONFLICT(entry, origin) DO UPDATE SET count = excluded.count
            """)
        let first = firstAddedID ?? Int64.max
        // Added by this import: this is their only link. Others: the sum over files.
        try tm.db.execute("""
            UPDATE entry SET seen = (SELECT count FROM temp.import_seen s WHERE s.entry = entry.id)
            WHERE id IN (SELECT entry FROM temp.import_seen WHERE entry >= \(first) AND count != 1);
            UPDATE entry SET seen = (SELECT sum(count) FROM entry_origin WHERE entry_origin.entry = entry.id)
            WHERE id IN (SELECT entry FROM temp.import_seen WHERE entry < \(first));
            DELETE FROM temp.import_seen
            """)
        if storeWasEmpty {
            for index in TMSchema.lookupIndexes { try tm.db.execute("CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.on)") }
        }
        let touch = try tm.db.statement("UPDATE origin SET last_imported = ? WHERE id = ?")
        touch.bind(1, now)
        touch.bind(2, originID)
        try touch.step()
    }

}

/// A batch being analysed on background threads (source and target of each unit).
final class PendingAnalysis: @unchecked Sendable {
    private let group = DispatchGroup()
    private let result: UnsafeMutableBufferPointer<AnalyzedUnit?>

    init(_ units: [TranslationUnit], counts: [Int], cached: [(AnalyzedSide?, AnalyzedSide?)], segmenter: Segmenter) {
        result = .allocate(capacity: units.count)
        result.initialize(repeating: nil)
        guard !units.isEmpty else { return }
        let workers = units.count < 64 ? 1 : min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
        let chunk = (units.count + workers - 1) / workers
        nonisolated(unsafe) let out = result
        for w in 0..<workers {
            let lo = w * chunk, hi = min(units.count, lo + chunk)
            guard lo < hi else { continue }
            DispatchQueue.global().async(group: group) {
                for i in lo..<hi {
                    let u = units[i]
                    let (cs, ct) = cached[i]
                    let source = cs ?? AnalyzedSide(segmenter.analyze(u.source))
                    let target = ct ?? AnalyzedSide(segmenter.analyze(u.target))
                    out[i] = AnalyzedUnit(
                        unit: u, source: source, target: target,
                        sourceTerms: IndexTerms.terms(of: source, text: u.source, language: u.sourceLanguage.language),
                        targetTerms: IndexTerms.terms(of: target, text: u.target, language: u.targetLanguage.language),
                        sourceBlob: source.encoded, targetBlob: target.encoded,
                        sourceKeysHash: source.keysHash, targetKeysHash: target.keysHash, count: counts[i])
                }
            }
        }
    }

    deinit {
        group.wait()
        result.deinitialize()
        result.deallocate()
    }

    /// Waits for the analysis and returns it in unit order.
    func wait() -> [AnalyzedUnit] {
        group.wait()
        return result.map { $0! }
    }
}

/// The postings of one term gathered during an import: side ids (delta varints) and term counts.
package struct PostingBuffer: Sendable {
    package private(set) var bytes: [UInt8] = []
    package private(set) var count = 0
    private(set) var last: UInt64 = 0

    package init() {}

    /// Appends a side id (ids must come in increasing order) and the side's term count.
    package mutating func append(_ side: UInt64, terms: UInt8) {
        Varint.append(side - last, to: &bytes)
        bytes.append(terms)
        last = side
        count += 1
    }

    /// Appends a block of postings written by another buffer, whose sides all come after this
    /// one's: its first delta (from 0) is re-based on this buffer's last side.
    mutating func append(block raw: UnsafeRawBufferPointer, count n: Int, last newLast: UInt64) {
        let b = raw.bindMemory(to: UInt8.self)
        guard !b.isEmpty else { return }
        var i = 0
        let first = Varint.read(b, &i)
        Varint.append(first - last, to: &bytes)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i...]))
        last = newLast
        count += n
    }
}

/// JSON-free compact encodings of properties and notes (unit separator / record separator).
package enum EntryCoding {
    package static func encode(properties: [TranslationUnit.Property]) -> String {
        properties.map { "\($0.type)\u{1F}\($0.value)" }.joined(separator: "\u{1E}")
    }

    package static func decodeProperties(_ s: String?) -> [TranslationUnit.Property] {
        guard let s, !s.isEmpty else { return [] }
        return s.split(separator: "\u{1E}", omittingEmptySubsequences: false).map {
            let parts = $0.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            return TranslationUnit.Property(type: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    package static func encode(strings: [String]) -> String { strings.joined(separator: "\u{1E}") }

    package static func decodeStrings(_ s: String?) -> [String] {
        guard let s, !s.isEmpty else { return [] }
        return s.split(separator: "\u{1E}", omittingEmptySubsequences: false).map(String.init)
    }
}

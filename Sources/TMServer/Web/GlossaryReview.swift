import Foundation
import TMCore
import Terminology

/// A glossary file (TBX) under review: its candidate translations as rows, and the reviewer's
/// changes (approve, reject, deprecate, edit) written back to the file at once, each recorded
/// as a TBX transaction with the reviewer and the date. The file stays the truth: every
/// change re-reads it if it changed on disk (the CLI or another server wrote it), then writes
/// it atomically under an exclusive lock, so `tmkit glossary lookup --glossary FILE` and other
/// browsers see the change as soon as the request returns.
final class GlossaryReview: @unchecked Sendable {
    let name: String
    let path: String
    private let lock = NSLock()
    private var cached: (stamp: String, base: TermBase)?

    init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// One candidate translation of a concept, as the review table shows it.
    struct Row: Codable, Sendable, Equatable {
        struct Example: Codable, Sendable, Equatable {
            var source: String
            var target: String
        }
        struct Change: Codable, Sendable, Equatable {
            var user: String?
            var date: String?
            var note: String?
        }
        var concept: String
        var term: String
        var termCount: Int
        var translation: String
        var status: String
        var score: Double
        var count: Int
        var sourceCount: Int
        var targetCount: Int
        var sourceLanguage: String
        var targetLanguage: String
        var examples: [Example]
        var changed: Change?
    }

    enum Action: String, Codable, Sendable, CaseIterable {
        case approve, reject, deprecate, edit
    }

    /// What the table asks for.
    struct Filter: Sendable {
        enum Sort: String, Sendable, CaseIterable { case score, count, term, frequency }
        /// A status name, `approved` (preferred or admitted), or `any`.
        var status = "candidate"
        var minScore = 0.0
        var minCount = 0
        var text = ""
        var sort = Sort.score
        var descending = true
    }

    // MARK: Reading

    /// The file's identity on disk: changes whenever anyone rewrites it.
    func stamp() throws -> String {
        let a: [FileAttributeKey: Any]
        do {
            a = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw APIError(.notFound, "glossary '\(name)': \(path) is not there")
        }
        let modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (a[.size] as? NSNumber)?.intValue ?? 0
        let inode = (a[.systemFileNumber] as? NSNumber)?.intValue ?? 0
        return "\(Int(modified * 1_000_000))-\(size)-\(inode)"
    }

    /// The term base as the file holds it now.
    func base() throws -> (stamp: String, base: TermBase) {
        let now = try stamp()
        lock.lock()
        if let c = cached, c.stamp == now {
            lock.unlock()
            return c
        }
        lock.unlock()
        let base = try GlossaryFile.read(path)
        lock.lock()
        cached = (now, base)
        lock.unlock()
        return (now, base)
    }

    /// The rows that pass `filter`, sorted, with their total before `offset`/`limit`.
    func rows(_ filter: Filter, offset: Int, limit: Int) throws -> (rows: [Row], total: Int, version: String) {
        let (stamp, base) = try base()
        var all = Self.rows(of: base).filter { Self.passes($0, filter) }
        all.sort { a, b in
            let c = Self.compare(a, b, filter.sort)
            if c != 0 { return filter.descending ? c > 0 : c < 0 }
            return (a.concept, a.translation) < (b.concept, b.translation)
        }
        let page = offset < all.count ? Array(all[offset..<min(all.count, offset + limit)]) : []
        return (page, all.count, stamp)
    }

    /// -1, 0 or 1 by the sort key, then by a second key (score or count).
    static func compare(_ a: Row, _ b: Row, _ sort: Filter.Sort) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x > y ? 1 : 0 }
        let first: Int, second: Int
        switch sort {
        case .score: (first, second) = (cmp(a.score, b.score), cmp(a.count, b.count))
        case .count: (first, second) = (cmp(a.count, b.count), cmp(a.score, b.score))
        case .frequency: (first, second) = (cmp(a.termCount, b.termCount), cmp(a.score, b.score))
        case .term: (first, second) = (cmp(a.term, b.term), cmp(b.score, a.score))
        }
        return first != 0 ? first : second
    }

    static func passes(_ row: Row, _ filter: Filter) -> Bool {
        switch filter.status {
        case "any": break
        case "approved": guard row.status == "preferred" || row.status == "admitted" else { return false }
        default: guard row.status == filter.status else { return false }
        }
        guard row.score >= filter.minScore, row.count >= filter.minCount else { return false }
        if !filter.text.isEmpty {
            let t = filter.text.lowercased()
            guard row.term.lowercased().contains(t) || row.translation.lowercased().contains(t) else { return false }
        }
        return true
    }

    static func conceptID(_ c: Concept, _ index: Int) -> String { c.id ?? "#\(index + 1)" }

    /// Every translation of every concept, in file order.
    static func rows(of base: TermBase) -> [Row] {
        var out: [Row] = []
        for (i, c) in base.concepts.enumerated() {
            guard let term = c.terms(in: base.sourceLanguage).first else { continue }
            for t in c.terms(in: base.targetLanguage) {
                out.append(row(c, i, term: term, target: t, base: base))
            }
        }
        return out
    }

    static func row(_ c: Concept, _ index: Int, term: Term, target t: Term, base: TermBase) -> Row {
        let last = t.transactions.last
        return Row(
            concept: conceptID(c, index), term: term.text, termCount: term.evidence?.count ?? t.evidence?.sourceCount ?? 0,
            translation: t.text, status: t.effectiveStatus.rawValue, score: t.score,
            count: t.evidence?.count ?? 0, sourceCount: t.evidence?.sourceCount ?? 0, targetCount: t.evidence?.targetCount ?? 0,
            sourceLanguage: base.sourceLanguage.code, targetLanguage: base.targetLanguage.code,
            examples: t.contexts.map { Row.Example(source: $0.parallel ?? "", target: $0.text) },
            changed: last.map { Row.Change(user: $0.user, date: $0.date, note: $0.note) })
    }

    // MARK: Changing

    /// Applies one reviewer's action to the translation `translation` of concept `concept`.
    /// Returns the row as it is now (nil once rejected) and the file's new version.
    func apply(_ action: Action, concept: String, translation: String, text: String?, user: String) throws -> (row: Row?, version: String) {
        try modify { base in
            guard let ci = base.concepts.indices.first(where: { Self.conceptID(base.concepts[$0], $0) == concept }) else {
                throw APIError(.notFound, "glossary '\(name)' has no concept '\(concept)'")
            }
            let target = base.targetLanguage
            guard let ti = base.concepts[ci].terms.firstIndex(where: { $0.language.sameLanguage(as: target) && $0.text == translation }) else {
                throw APIError(.notFound, "concept '\(concept)' of glossary '\(name)' has no translation '\(translation)'")
            }
            let row = try Self.change(&base, concept: ci, term: ti, action, text: text, user: user)
            return row
        }
    }

    /// Approves every candidate translation scoring `minScore` or more (and matching `text`);
    /// with `dryRun`, only counts them. Returns the count and the file's version.
    func approveAll(minScore: Double, text: String, user: String, dryRun: Bool) throws -> (count: Int, version: String) {
        var filter = Filter()
        filter.minScore = minScore
        filter.text = text
        if dryRun {
            let (_, total, version) = try rows(filter, offset: 0, limit: 0)
            return (total, version)
        }
        var count = 0
        let version = try modify { base -> Row? in
            let target = base.targetLanguage
            for ci in base.concepts.indices {
                guard let term = base.concepts[ci].terms(in: base.sourceLanguage).first else { continue }
                for ti in base.concepts[ci].terms.indices where base.concepts[ci].terms[ti].language.sameLanguage(as: target) {
                    let t = base.concepts[ci].terms[ti]
                    let row = Self.row(base.concepts[ci], ci, term: term, target: t, base: base)
                    guard Self.passes(row, filter) else { continue }
                    _ = try Self.change(&base, concept: ci, term: ti, .approve, text: nil, user: user)
                    count += 1
                }
            }
            return nil
        }.version
        return (count, version)
    }

    static func change(_ base: inout TermBase, concept ci: Int, term ti: Int, _ action: Action, text: String?, user: String) throws -> Row? {
        var c = base.concepts[ci]
        let old = c.terms[ti]
        let id = conceptID(c, ci)
        func record(_ note: String) -> Transaction { .now(.modification, user: user, note: note) }
        switch action {
        case .approve:
            let hasPreferred = c.terms.indices.contains { $0 != ti && c.terms[$0].language.sameLanguage(as: old.language) && c.terms[$0].status == .preferred }
            c.terms[ti].status = hasPreferred ? .admitted : .preferred
            c.terms[ti].transactions.append(record("approved as \(c.terms[ti].status!.rawValue)"))
            for si in c.terms.indices where c.terms[si].language.sameLanguage(as: base.sourceLanguage) && c.terms[si].status == .candidate {
                c.terms[si].status = .preferred
                c.terms[si].transactions.append(record("approved with \(old.text)"))
            }
        case .deprecate:
            c.terms[ti].status = .deprecated
            c.terms[ti].transactions.append(record("deprecated"))
        case .reject:
            c.terms.remove(at: ti)
            c.transactions.append(record("rejected \(old.text)"))
        case .edit:
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw APIError(.badRequest, "'text' is needed to edit a translation")
            }
            guard text.unicodeScalars.count <= 500 else { throw APIError(.badRequest, "a translation of \(text.unicodeScalars.count) characters is over the limit of 500") }
            if text != old.text, c.terms.contains(where: { $0.language.sameLanguage(as: old.language) && $0.text == text }) {
                throw APIError(.conflict, "concept '\(id)' already has the translation '\(text)'")
            }
            c.terms[ti].text = text
            c.terms[ti].transactions.append(record("edited from \(old.text)"))
        }
        let remainingTargets = c.terms(in: base.targetLanguage)
        if action == .reject && remainingTargets.isEmpty {
            base.concepts.remove(at: ci)
            return nil
        }
        base.concepts[ci] = c
        guard action != .reject, let term = c.terms(in: base.sourceLanguage).first else { return nil }
        return row(c, ci, term: term, target: c.terms[ti], base: base)
    }

    /// Reads the file fresh under an exclusive lock, changes it, writes it atomically.
    private func modify(_ body: (inout TermBase) throws -> Row?) throws -> (row: Row?, version: String) {
        let fd = open(path + ".lock", O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw APIError(.internalServerError, "\(path).lock: cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw APIError(.internalServerError, "\(path).lock: cannot lock") }
        defer { flock(fd, LOCK_UN) }
        var (_, base) = try base()
        let row = try body(&base)
        try GlossaryFile.write(base, to: path)
        let now = try stamp()
        lock.lock()
        cached = (now, base)
        lock.unlock()
        return (row, now)
    }
}

import Foundation
import TMCore
import Terminology

/// A served glossary under review: its translation terms as rows, and the reviewer's changes
/// (approve, reject, deprecate, edit) made through the glossary store's one change path, the
/// one `tmkit glossary review` uses (`GlossaryStore.review` and `edit`), each recorded with the
/// reviewer and the date in one transaction. So `tmkit glossary lookup` and `glossary review
/// list` on the same store see a change as soon as the request returns, and the page sees the
/// CLI's at its next read.
struct GlossaryReview: Sendable {
    let glossary: ServedGlossary
    var name: String { glossary.name }

    init(_ glossary: ServedGlossary) {
        self.glossary = glossary
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
        /// The store's concept id.
        var concept: String
        /// The term as the CLI names it, ID.N.
        var ref: String
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

    /// The store's version: changes with every commit to it.
    func version() -> String { glossary.version() }

    /// The rows that pass `filter`, sorted, with their total before `offset`/`limit`.
    func rows(_ filter: Filter, offset: Int, limit: Int) throws -> (rows: [Row], total: Int, version: String) {
        let version = glossary.version()
        let store = try glossary.open()
        var all = try Self.rows(of: store, filter)
        all.sort { a, b in
            let c = Self.compare(a, b, filter.sort)
            if c != 0 { return filter.descending ? c > 0 : c < 0 }
            return (a.concept, a.translation) < (b.concept, b.translation)
        }
        let page = offset < all.count ? Array(all[offset..<min(all.count, offset + limit)]) : []
        return (page, all.count, version)
    }

    /// The store's translation terms (as `glossary review list` reads them) that pass `filter`.
    static func rows(of store: any GlossaryStoring, _ filter: Filter) throws -> [Row] {
        let status = TermStatus(rawValue: filter.status)
        let (sl, tl) = store.languages ?? (.korean, .english)
        return try store.reviewEntries(status: status, minScore: filter.minScore, minFrequency: filter.minCount, sort: .id)
            .map { row($0.ref, source: $0.source, term: $0.term, languages: (sl, tl)) }
            .filter { passes($0, filter) }
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

    static func row(_ ref: TermRef, source: String, term t: Term, languages: (LanguageTag, LanguageTag)) -> Row {
        let last = t.transactions.last
        return Row(
            concept: String(ref.concept), ref: ref.description, term: source, termCount: t.evidence?.sourceCount ?? 0,
            translation: t.text, status: t.effectiveStatus.rawValue, score: t.score,
            count: t.evidence?.count ?? 0, sourceCount: t.evidence?.sourceCount ?? 0, targetCount: t.evidence?.targetCount ?? 0,
            sourceLanguage: languages.0.code, targetLanguage: languages.1.code,
            examples: t.contexts.map { Row.Example(source: $0.parallel ?? "", target: $0.text) },
            changed: last.map { Row.Change(user: $0.user, date: $0.date, note: $0.note) })
    }

    // MARK: Changing

    /// Applies one reviewer's action to the translation `translation` of concept `concept`.
    /// Returns the row as it is now (nil once rejected) and the store's new version.
    func apply(_ action: Action, concept: String, translation: String, text: String?, user: String) throws -> (row: Row?, version: String) {
        guard let id = Int64(concept), id > 0 else { throw APIError(.notFound, "glossary '\(name)' has no concept '\(concept)'") }
        let store = try glossary.open(write: true)
        let (sl, tl) = store.languages ?? (.korean, .english)
        let row: Row? = try store.transaction {
            guard let c = try store.concept(id) else { throw APIError(.notFound, "glossary '\(name)' has no concept '\(concept)'") }
            guard let p = c.terms.firstIndex(where: { $0.language.sameLanguage(as: tl) && $0.text == translation }) else {
                throw APIError(.notFound, "concept '\(concept)' of glossary '\(name)' has no translation '\(translation)'")
            }
            let ref = TermRef(concept: id, position: p)
            switch action {
            case .approve: try store.review(.approve(), [ref], user: user)
            case .deprecate: try store.review(.deprecate(), [ref], user: user)
            case .reject: try store.review(.reject, [ref], user: user)
            case .edit:
                guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw APIError(.badRequest, "'text' is needed to edit a translation")
                }
                try store.edit(ref, TermEdit(text: text), user: user)
            }
            guard action != .reject, let now = try store.concept(id), now.terms.indices.contains(p) else { return nil }
            let source = now.terms(in: sl).first?.text ?? now.terms.first?.text ?? ""
            return Self.row(ref, source: source, term: now.terms[p], languages: (sl, tl))
        }
        return (row, glossary.version())
    }

    /// Approves every candidate translation scoring `minScore` or more (and matching `text`);
    /// with `dryRun`, only counts them. Returns the count and the store's version.
    func approveAll(minScore: Double, text: String, user: String, dryRun: Bool) throws -> (count: Int, version: String) {
        var filter = Filter()
        filter.minScore = minScore
        filter.text = text
        let store = try glossary.open(write: !dryRun)
        if dryRun { return (try Self.rows(of: store, filter).count, glossary.version()) }
        let count = try store.transaction {
            try store.review(.approve(), try Self.rows(of: store, filter).compactMap { TermRef($0.ref) }, user: user)
        }
        return (count, glossary.version())
    }
}

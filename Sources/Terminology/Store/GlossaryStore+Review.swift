import Foundation
import TMCore

/// A term of a store named for review: `12` is concept 12 (all its terms), `12.3` its term at
/// position 3 (as `glossary review list` shows them).
public struct TermRef: Sendable, Hashable, CustomStringConvertible {
    public var concept: Int64
    public var position: Int?

    public init(concept: Int64, position: Int? = nil) {
        self.concept = concept
        self.position = position
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let c = Int64(parts[0]), c > 0 else { return nil }
        concept = c
        if parts.count == 2 {
            guard let p = Int(parts[1]), p >= 0 else { return nil }
            position = p
        }
    }

    public var description: String { position.map { "\(concept).\($0)" } ?? "\(concept)" }
}

/// One line of a review list: a translation term with the source term it translates.
public struct ReviewEntry: Sendable, Hashable {
    public var ref: TermRef
    public var source: String
    public var term: Term
}

extension GlossaryStore {
    public enum ReviewSort: String, Sendable, CaseIterable { case score, frequency, term, id }
}

extension GlossaryStoring {
    /// Translation terms (those in the store's target language), filtered and sorted.
    public func reviewEntries(status: TermStatus? = nil, minScore: Double? = nil, maxScore: Double? = nil,
                              minFrequency: Int? = nil, sort: GlossaryStore.ReviewSort = .score, limit: Int? = nil) throws -> [ReviewEntry] {
        let (sl, tl) = languages ?? (.korean, .english)
        var out: [ReviewEntry] = []
        try forEachConcept { id, c in
            let source = c.terms(in: sl).first?.text ?? c.terms.first?.text ?? ""
            for (n, t) in c.terms.enumerated() where t.language.sameLanguage(as: tl) {
                if let status, t.effectiveStatus != status { continue }
                if let minScore, t.score < minScore { continue }
                if let maxScore, t.score > maxScore { continue }
                if let minFrequency, (t.evidence?.count ?? 0) < minFrequency { continue }
                out.append(ReviewEntry(ref: TermRef(concept: id, position: n), source: source, term: t))
            }
        }
        switch sort {
        case .score: out.sort { $0.term.score != $1.term.score ? $0.term.score > $1.term.score : $0.ref.concept < $1.ref.concept }
        case .frequency: out.sort { ($0.term.evidence?.count ?? 0) != ($1.term.evidence?.count ?? 0) ? ($0.term.evidence?.count ?? 0) > ($1.term.evidence?.count ?? 0) : $0.ref.concept < $1.ref.concept }
        case .term: out.sort { $0.source != $1.source ? $0.source < $1.source : $0.term.text < $1.term.text }
        case .id: break
        }
        if let limit { out = Array(out.prefix(limit)) }
        return out
    }

    /// Applies `change` to the terms `refs` name (a concept ref: all its terms), each change
    /// recorded as a modification by `user`, all in one transaction (read and written inside
    /// it, so a reviewer working at the same time loses nothing). Returns the terms changed.
    @discardableResult
    public func update(_ refs: [TermRef], user: String, note: String, _ change: (inout Term) throws -> Bool) throws -> Int {
        try transaction {
            var changed = 0
            var byConcept: [Int64: [Int?]] = [:]
            for r in refs { byConcept[r.concept, default: []].append(r.position) }
            for (id, positions) in byConcept.sorted(by: { $0.key < $1.key }) {
                guard var c = try concept(id) else { throw TerminologyError.notFound(source: "concept \(id)", target: nil) }
                let all = positions.contains { $0 == nil }
                let targets = all ? Array(c.terms.indices) : positions.compactMap { $0 }
                for p in targets {
                    guard c.terms.indices.contains(p) else { throw TerminologyError.notFound(source: "term \(id).\(p)", target: nil) }
                    if try change(&c.terms[p]) {
                        c.terms[p].transactions.append(.now(.modification, user: user, note: note))
                        changed += 1
                    }
                }
                try replace(id, with: c)
            }
            return changed
        }
    }

    /// Sets the status of the terms `refs` name.
    @discardableResult
    public func setStatus(_ status: TermStatus, of refs: [TermRef], user: String) throws -> Int {
        try update(refs, user: user, note: "status \(status.rawValue)") { term in
            guard term.status != status else { return false }
            term.status = status
            return true
        }
    }

    /// Removes the terms `refs` name (a rejected candidate); a concept left with one language
    /// is deleted. Returns the terms removed.
    @discardableResult
    public func reject(_ refs: [TermRef], user: String) throws -> Int {
        try transaction {
            var removed = 0
            var byConcept: [Int64: [Int?]] = [:]
            for r in refs { byConcept[r.concept, default: []].append(r.position) }
            for (id, positions) in byConcept {
                guard var c = try concept(id) else { throw TerminologyError.notFound(source: "concept \(id)", target: nil) }
                if positions.contains(where: { $0 == nil }) {
                    removed += c.terms.count
                    try delete(id)
                    continue
                }
                for p in positions.compactMap({ $0 }).sorted(by: >) {
                    guard c.terms.indices.contains(p) else { throw TerminologyError.notFound(source: "term \(id).\(p)", target: nil) }
                    c.terms.remove(at: p)
                    removed += 1
                }
                if c.languages.count < 2 {
                    try delete(id)
                } else {
                    c.transactions.append(.now(.modification, user: user, note: "rejected \(positions.count) term(s)"))
                    try replace(id, with: c)
                }
            }
            return removed
        }
    }
}

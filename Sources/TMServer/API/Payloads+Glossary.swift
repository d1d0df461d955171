import Foundation
import Terminology

// The JSON bodies of the glossary entry and status routes, as openapi.json describes them.

/// A change recorded on a concept or term.
struct HistoryPayload: Codable, Sendable, Equatable {
    var kind: String
    var user: String?
    var date: String?
    var note: String?

    init(_ t: Transaction) {
        kind = t.kind.rawValue
        user = t.user
        date = t.date
        note = t.note
    }
}

/// One concept of a glossary store with its terms (what `tmkit glossary review show` prints).
struct GlossaryEntryPayload: Codable, Sendable {
    struct TermPayload: Codable, Sendable {
        /// ID.N, as the CLI and the status route name it.
        var ref: String
        var language: String
        var text: String
        var status: String
        var score: Double
        var count: Int?
        var partOfSpeech: String?
        var notes: [String]
        var examples: [GlossaryReview.Row.Example]
        var history: [HistoryPayload]
    }
    var glossary: String
    var id: Int64
    var subject: String?
    var definitions: [String]
    var notes: [String]
    var terms: [TermPayload]
    var history: [HistoryPayload]

    init(glossary: String, id: Int64, _ c: Concept) {
        self.glossary = glossary
        self.id = id
        subject = c.subjectField
        definitions = c.definitions.map(\.text)
        notes = c.notes
        terms = c.terms.enumerated().map { n, t in
            TermPayload(ref: TermRef(concept: id, position: n).description, language: t.language.code, text: t.text,
                        status: t.effectiveStatus.rawValue, score: t.score, count: t.evidence?.count, partOfSpeech: t.partOfSpeech?.rawValue,
                        notes: t.notes, examples: t.contexts.map { .init(source: $0.parallel ?? "", target: $0.text) },
                        history: t.transactions.map(HistoryPayload.init))
        }
        history = c.transactions.map(HistoryPayload.init)
    }
}

/// `PATCH …/entries/{id}/terms/{position}`: the fields to change (as `glossary review edit`).
struct TermPatch: Codable, Sendable {
    var text: String?
    var partOfSpeech: String?
    var status: String?
    var note: String?
}

/// `POST …/status`: approve, deprecate or reject the terms named, or every translation a
/// filter picks (as `glossary review approve 12.1` or `--status candidate --min-score 0.9`).
struct StatusChangeRequest: Codable, Sendable {
    var action: String
    var refs: [String]?
    var status: String?
    var minScore: Double?
    var minCount: Int?
    /// approve: mark preferred rather than admitted; deprecate: superseded rather than deprecated.
    var preferred: Bool?
    var superseded: Bool?
    /// Only count what would change.
    var dryRun: Bool?
}

struct StatusChangePayload: Codable, Sendable {
    var action: String
    /// The terms picked (ID.N or ID).
    var refs: [String]
    /// Terms changed (for a dry run: picked).
    var count: Int
    var dryRun: Bool
}

import Foundation
import TMCore

/// A change recorded on a concept or term: TBX `transacGrp` (`transactionType` origination or
/// modification, the person responsible, the date).
public struct Transaction: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case origination, modification }
    public var kind: Kind
    public var user: String?
    /// ISO 8601 date or date-time, as written in the file (`2024-05-01` or `2024-05-01T10:00:00Z`).
    public var date: String?
    /// What changed (tmkit's own note, `transacNote` other than responsibility).
    public var note: String?

    public init(kind: Kind, user: String?, date: String?, note: String? = nil) {
        self.kind = kind
        self.user = user
        self.date = date
        self.note = note
    }

    /// A transaction by `user` now (UTC, seconds).
    public static func now(_ kind: Kind, user: String, note: String? = nil) -> Transaction {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return Transaction(kind: kind, user: user, date: f.string(from: Date()), note: note)
    }
}

/// A TBX data category tmkit has no field for, kept so that a round trip loses nothing:
/// `<descrip type="customerSubset">Acme</descrip>` is `Property(element: "descrip", type:
/// "customerSubset", value: "Acme")`.
public struct Property: Sendable, Hashable, Codable {
    /// `descrip`, `admin`, `termNote`, `xref`, `ref`.
    public var element: String
    public var type: String
    public var value: String
    /// `target` of `xref`/`ref` (a URL or id).
    public var target: String?
    /// For a concept's property: the language section it is in (nil: the concept itself).
    public var language: LanguageTag?

    public init(element: String, type: String, value: String, target: String? = nil, language: LanguageTag? = nil) {
        self.element = element
        self.type = type
        self.value = value
        self.target = target
        self.language = language
    }
}

/// A sentence that shows a term in use (TBX `context`). An example the aligner took from
/// parallel text keeps the sentence it was aligned with (`parallel`, in the concept's other
/// language).
public struct Context: Sendable, Hashable, Codable {
    public var text: String
    /// Where the sentence comes from (TBX `source` in the context's `descripGrp`).
    public var source: String?
    public var parallel: String?
    public init(text: String, source: String? = nil, parallel: String? = nil) {
        self.text = text
        self.source = source
        self.parallel = parallel
    }
}

/// What the aligner saw for a machine-built candidate: how often the pair was aligned, and
/// how often each side occurred.
public struct Evidence: Sendable, Hashable, Codable {
    public var score: Double
    public var count: Int
    public var sourceCount: Int
    public var targetCount: Int
    public init(score: Double, count: Int = 0, sourceCount: Int = 0, targetCount: Int = 0) {
        self.score = score
        self.count = count
        self.sourceCount = sourceCount
        self.targetCount = targetCount
    }
}

/// One term of a concept in one language, with what TBX-Basic says about it.
public struct Term: Sendable, Hashable, Codable {
    public var language: LanguageTag
    public var text: String
    /// nil when the file states none (ranked as admitted).
    public var status: TermStatus?
    public var partOfSpeech: PartOfSpeech?
    /// TBX `termType` (fullForm, acronym, abbreviation, shortForm, variant, phrase).
    public var termType: String?
    public var notes: [String]
    /// Where the term comes from (TBX `source`): a corpus, a publication, a user.
    public var source: String?
    public var contexts: [Context]
    public var transactions: [Transaction]
    public var properties: [Property]
    /// For machine-built candidates: the aligner's score and counts.
    public var evidence: Evidence?

    public init(language: LanguageTag, text: String, status: TermStatus? = nil, partOfSpeech: PartOfSpeech? = nil,
                termType: String? = nil, notes: [String] = [], source: String? = nil, contexts: [Context] = [],
                transactions: [Transaction] = [], properties: [Property] = [], evidence: Evidence? = nil) {
        self.language = language
        self.text = text
        self.status = status
        self.partOfSpeech = partOfSpeech
        self.termType = termType
        self.notes = notes
        self.source = source
        self.contexts = contexts
        self.transactions = transactions
        self.properties = properties
        self.evidence = evidence
    }

    /// The status used for ranking and for what may be offered (unstated counts as admitted).
    public var effectiveStatus: TermStatus { status ?? .admitted }

    /// 0...1: the aligner's score for candidates, 1 for terms a person made.
    public var score: Double { evidence?.score ?? 1 }
}

/// A definition in one language (TBX-Basic puts `definition` in the language section).
public struct Definition: Sendable, Hashable, Codable {
    public var language: LanguageTag
    public var text: String
    public var source: String?
    public init(language: LanguageTag, text: String, source: String? = nil) {
        self.language = language
        self.text = text
        self.source = source
    }
}

/// A concept: the terms that name it in each language (synonyms included), its subject field,
/// definitions, notes and history.
public struct Concept: Sendable, Hashable, Codable {
    /// The concept's id in the file it came from (`conceptEntry id`), or the store's.
    public var id: String?
    public var subjectField: String?
    public var definitions: [Definition]
    public var notes: [String]
    public var transactions: [Transaction]
    /// Data categories of the concept and of its language sections (`language` set) without a
    /// field of their own; a language section's note is `Property(element: "note", type: "")`.
    public var properties: [Property]
    public var terms: [Term]

    public init(id: String? = nil, subjectField: String? = nil, definitions: [Definition] = [], notes: [String] = [],
                transactions: [Transaction] = [], properties: [Property] = [], terms: [Term] = []) {
        self.id = id
        self.subjectField = subjectField
        self.definitions = definitions
        self.notes = notes
        self.transactions = transactions
        self.properties = properties
        self.terms = terms
    }

    /// The terms in `language` (any region), best first: by status, then score.
    public func terms(in language: LanguageTag) -> [Term] {
        terms.filter { $0.language.sameLanguage(as: language) }.sorted(by: Term.ranking)
    }

    /// The languages of the concept's terms, in order of first appearance.
    public var languages: [LanguageTag] {
        var out: [LanguageTag] = []
        for t in terms where !out.contains(t.language) { out.append(t.language) }
        return out
    }
}

extension Term {
    /// Preferred, admitted (or unstated), candidate, deprecated, superseded; then higher score.
    public static func ranking(_ a: Term, _ b: Term) -> Bool {
        if a.effectiveStatus != b.effectiveStatus { return a.effectiveStatus < b.effectiveStatus }
        return a.score > b.score
    }
}

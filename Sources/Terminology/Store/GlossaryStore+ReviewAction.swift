import Foundation
import TMCore

/// A reviewer's decision on terms of a store: what `tmkit glossary review approve|deprecate|reject`
/// and the server's review page and API do, through one change path (`GlossaryStore.review`).
public enum ReviewAction: Sendable, Hashable {
    /// Mark admitted (or preferred).
    case approve(preferred: Bool = false)
    /// Mark deprecated (or superseded): shown marked, never offered.
    case deprecate(superseded: Bool = false)
    /// Remove the terms (a wrong candidate); a concept left with one language goes.
    case reject

    /// The status the action sets, or nil for `reject`.
    public var status: TermStatus? {
        switch self {
        case let .approve(preferred): return preferred ? .preferred : .admitted
        case let .deprecate(superseded): return superseded ? .superseded : .deprecated
        case .reject: return nil
        }
    }

    /// What a summary says was done: `admitted`, `preferred`, `deprecated`, `superseded`, `removed`.
    public var verb: String { status?.rawValue ?? "removed" }

    /// The action named `approve`, `deprecate` or `reject` (the API's and the page's names).
    public init?(name: String, preferred: Bool = false, superseded: Bool = false) {
        switch name {
        case "approve": self = .approve(preferred: preferred)
        case "deprecate": self = .deprecate(superseded: superseded)
        case "reject": self = .reject
        default: return nil
        }
    }
}

/// A reviewer's edit of one term: each field given replaces the term's.
public struct TermEdit: Sendable, Hashable {
    public var text: String?
    public var partOfSpeech: PartOfSpeech?
    public var status: TermStatus?
    /// Replaces the term's notes.
    public var note: String?

    public init(text: String? = nil, partOfSpeech: PartOfSpeech? = nil, status: TermStatus? = nil, note: String? = nil) {
        self.text = text
        self.partOfSpeech = partOfSpeech
        self.status = status
        self.note = note
    }

    /// Longest term text an edit may set, in code points.
    public static let maxLength = 500
}

extension GlossaryStoring {
    /// The translation terms a review selection picks (as `review approve --status S
    /// --min-score X --min-count N` does): every translation with that status, score and count.
    public func reviewRefs(status: TermStatus?, minScore: Double?, minFrequency: Int?) throws -> [TermRef] {
        try reviewEntries(status: status, minScore: minScore, minFrequency: minFrequency, sort: .id).map(\.ref)
    }

    /// Applies `action` to the terms `refs` name, recorded with `user` and the date, in one
    /// transaction. Returns the number of terms changed.
    @discardableResult
    public func review(_ action: ReviewAction, _ refs: [TermRef], user: String) throws -> Int {
        if let status = action.status { return try setStatus(status, of: refs, user: user) }
        return try reject(refs, user: user)
    }

    /// Applies `edit` to the term `ref` (ID.N), recorded with `user` and the date. A new text
    /// must not be empty, over `TermEdit.maxLength`, or another term of the concept in the
    /// same language. Returns the number of terms changed (1).
    @discardableResult
    public func edit(_ ref: TermRef, _ edit: TermEdit, user: String) throws -> Int {
        guard let position = ref.position else {
            throw TerminologyError.unknownValue(category: "term id", value: ref.description, reason: "an edit names one term, ID.N")
        }
        let text = edit.text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text {
            guard !text.isEmpty else { throw TerminologyError.unknownValue(category: "term text", value: "", reason: "a term's text cannot be empty") }
            guard text.unicodeScalars.count <= TermEdit.maxLength else {
                throw TerminologyError.unknownValue(category: "term text", value: String(text.prefix(40)) + "…",
                                                    reason: "\(text.unicodeScalars.count) characters, over the limit of \(TermEdit.maxLength)")
            }
        }
        return try transaction {
            if let text, let c = try concept(ref.concept), c.terms.indices.contains(position) {
                let old = c.terms[position]
                if text != old.text, c.terms.contains(where: { $0.language.sameLanguage(as: old.language) && $0.text == text }) {
                    throw TerminologyError.unknownValue(category: "term text", value: text, reason: "concept \(ref.concept) already has this term")
                }
            }
            return try update([ref], user: user, note: "edited") { term in
                if let text { term.text = text }
                if let p = edit.partOfSpeech { term.partOfSpeech = p }
                if let s = edit.status { term.status = s }
                if let n = edit.note { term.notes = [n] }
                return true
            }
        }
    }
}

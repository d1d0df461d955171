import ArgumentParser
import Foundation
import TMCore
import Terminology

/// `tmkit glossary review ...`: turn a built glossary into an approved one.
struct GlossaryReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the terms of the user's glossary (or --store): list, show, approve, deprecate, reject, edit.",
        discussion: """
        Import a built glossary first (`tmkit glossary import terms.tbx`): its translations are candidates. Terms are named ID (a concept, all its terms) or ID.N (one term), as `review list` prints them. Every change is stored with the user ($TMKIT_USER, else $USER) and the date, in one transaction.

        Examples:
          tmkit glossary review list --status candidate --sort frequency --limit 20
          tmkit glossary review show 12
          tmkit glossary review approve 12.1 14.1
          tmkit glossary review approve --status candidate --min-score 0.9
          tmkit glossary review deprecate 12.2
          tmkit glossary review reject 15.1
          tmkit glossary review edit 12.1 --text "security policy" --pos noun
          tmkit glossary review approve 12.1 --database postgres:///tmkit
        """,
        subcommands: [ReviewList.self, ReviewShow.self, ReviewApprove.self, ReviewDeprecate.self, ReviewReject.self, ReviewEdit.self]
    )
}

/// The store a review command works on.
struct ReviewStore: ParsableArguments {
    @Option(help: "The glossary store to review (default: the user's, $TMKIT_HOME/glossary.sqlite).")
    var store: String?

    @OptionGroup var database: GlossaryDatabaseOptions

    func validate() throws {
        if store != nil && database.database != nil { throw ValidationError("Give --store PATH or --database URL, not both.") }
        try database.checkName()
    }

    func open() throws -> any GlossaryStoring {
        if let url = database.database { return try database.writeStore(url, create: false) }
        if let store { return try GlossaryStore(path: store, create: false) }
        let user = UserGlossary()
        guard user.exists else { throw TerminologyError.unreadable(file: user.path, reason: "no user glossary yet (use tmkit glossary import or add)") }
        return try user.open()
    }
}

/// Which terms a bulk command picks: named refs, or a filter.
struct ReviewSelection: ParsableArguments {
    @Argument(help: "Terms: ID (a concept) or ID.N (one term).") var refs: [String] = []
    @Option(help: "Every translation with this status (preferred, admitted, candidate, deprecated, superseded).") var status: String?
    @Option(name: .customLong("min-score"), help: "Only translations scoring at least this.") var minScore: Double?
    @Option(name: .customLong("min-count"), help: "Only translations seen at least this often.") var minCount: Int?

    func validate() throws {
        if refs.isEmpty && status == nil && minScore == nil && minCount == nil {
            throw ValidationError("name terms (ID or ID.N) or give --status/--min-score/--min-count")
        }
        for r in refs where TermRef(r) == nil { throw ValidationError("'\(r)' is not a term id (ID or ID.N)") }
    }

    func resolve(_ store: any GlossaryStoring) throws -> [TermRef] {
        var out = refs.compactMap(TermRef.init)
        if status != nil || minScore != nil || minCount != nil {
            let s = try status.map(parseStatus)
            out += try store.reviewRefs(status: s, minScore: minScore, minFrequency: minCount)
        }
        return out
    }
}

func parseStatus(_ value: String) throws -> TermStatus {
    guard let s = TermStatus(tbx: value) else {
        throw TerminologyError.unknownValue(category: "status", value: value, reason: "expected preferred, admitted, candidate, deprecated or superseded")
    }
    return s
}

struct ReviewList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List translations: ID.N, status, score, count, term, translation.")

    @OptionGroup var store: ReviewStore
    @Option(help: "Only this status.") var status: String?
    @Option(name: .customLong("min-score")) var minScore: Double?
    @Option(name: .customLong("max-score")) var maxScore: Double?
    @Option(name: .customLong("min-count")) var minCount: Int?
    @Option(help: "Sort by score, frequency, term or id.") var sort: String = "score"
    @Option var limit: Int?

    func run() throws {
        do {
            let s = try store.open()
            guard let order = GlossaryStore.ReviewSort(rawValue: sort) else {
                throw TerminologyError.unknownValue(category: "sort", value: sort, reason: "expected score, frequency, term or id")
            }
            let entries = try s.reviewEntries(status: try status.map(parseStatus), minScore: minScore, maxScore: maxScore,
                                              minFrequency: minCount, sort: order, limit: limit)
            var out = OutputBuffer()
            for e in entries {
                out.write("\(e.ref)\t\(e.term.effectiveStatus.rawValue)\t\(String(format: "%.3f", e.term.score))\t\(e.term.evidence?.count ?? 0)\t\(e.source)\t\(e.term.text)\n")
            }
            out.flush()
        } catch {
            fail(error)
        }
    }
}

struct ReviewShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one concept with its terms, evidence and history.")

    @OptionGroup var store: ReviewStore
    @Argument(help: "The concept (ID or ID.N).") var ref: String

    func run() throws {
        do {
            guard let r = TermRef(ref) else { throw ValidationError("'\(ref)' is not a term id (ID or ID.N)") }
            let s = try store.open()
            guard let c = try s.concept(r.concept) else { throw TerminologyError.notFound(source: "concept \(ref)", target: nil) }
            var out = OutputBuffer()
            out.write("concept \(r.concept)" + (c.subjectField.map { " (\($0))" } ?? "") + "\n")
            for d in c.definitions { out.write("  definition [\(d.language.code)]: \(d.text)\n") }
            for n in c.notes { out.write("  note: \(n)\n") }
            for (n, t) in c.terms.enumerated() where r.position == nil || r.position == n {
                var line = "  \(r.concept).\(n) [\(t.language.code)] \(t.text)  \(t.effectiveStatus.rawValue)"
                if let p = t.partOfSpeech { line += ", \(p.rawValue)" }
                if let e = t.evidence { line += String(format: "  score %.3f", e.score) + "  seen \(e.count) (source \(e.sourceCount), target \(e.targetCount))" }
                out.write(line + "\n")
                for note in t.notes { out.write("      note: \(note)\n") }
                if let src = t.source { out.write("      source: \(src)\n") }
                for ctx in t.contexts.prefix(5) {
                    out.write("      e.g. \(ctx.text)\n")
                    if let p = ctx.parallel { out.write("           \(p)\n") }
                }
                for tr in t.transactions { out.write("      \(tr.kind.rawValue) \(tr.date ?? "") \(tr.user ?? "")\(tr.note.map { ": " + $0 } ?? "")\n") }
            }
            for tr in c.transactions { out.write("  \(tr.kind.rawValue) \(tr.date ?? "") \(tr.user ?? "")\(tr.note.map { ": " + $0 } ?? "")\n") }
            out.flush()
        } catch {
            fail(error)
        }
    }
}

/// The store and the terms approve, deprecate and reject work on.
struct ReviewTarget: ParsableArguments {
    @OptionGroup var store: ReviewStore
    @OptionGroup var selection: ReviewSelection
}

/// Runs approve, deprecate or reject on the terms `target` picks, through the store's one
/// change path (`GlossaryStore.review`, which the server's review page and API use too).
func runReview(_ action: ReviewAction, _ target: ReviewTarget) {
    do {
        let s = try target.store.open()
        let n = try s.review(action, try target.selection.resolve(s), user: UserGlossary.currentUser)
        notice("\(s.location): \(n) \(n == 1 ? "term" : "terms") \(action.verb)")
    } catch {
        fail(error)
    }
}

struct ReviewApprove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Mark terms admitted (or --preferred).")
    @OptionGroup var target: ReviewTarget
    @Flag(help: "Mark them preferred rather than admitted.") var preferred = false

    func run() throws { runReview(.approve(preferred: preferred), target) }
}

struct ReviewDeprecate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deprecate", abstract: "Mark terms deprecated (or --superseded): shown marked, never offered.")
    @OptionGroup var target: ReviewTarget
    @Flag(help: "Mark them superseded rather than deprecated.") var superseded = false

    func run() throws { runReview(.deprecate(superseded: superseded), target) }
}

struct ReviewReject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Remove terms (a wrong candidate); a concept left with one language goes.")
    @OptionGroup var target: ReviewTarget

    func run() throws { runReview(.reject, target) }
}

struct ReviewEdit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a term's text, part of speech, status or note.")
    @OptionGroup var store: ReviewStore
    @Argument(help: "The term (ID.N).") var ref: String
    @Option(help: "New text.") var text: String?
    @Option(name: .customLong("pos"), help: "Part of speech: noun, verb, adjective, adverb, properNoun, other.") var partOfSpeech: String?
    @Option(help: "New status.") var status: String?
    @Option(help: "A note (replaces the term's notes).") var note: String?

    func run() throws {
        do {
            guard let r = TermRef(ref), r.position != nil else { throw ValidationError("'\(ref)' is not a term id (ID.N)") }
            let pos = try partOfSpeech.map { v -> PartOfSpeech in
                guard let p = PartOfSpeech(tbx: v) else {
                    throw TerminologyError.unknownValue(category: "part of speech", value: v, reason: "expected noun, verb, adjective, adverb, properNoun or other")
                }
                return p
            }
            let st = try status.map(parseStatus)
            if let text, text.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--text must not be empty") }
            let s = try store.open()
            let n = try s.edit(r, TermEdit(text: text, partOfSpeech: pos, status: st, note: note), user: UserGlossary.currentUser)
            notice("\(s.location): \(n) term edited")
        } catch {
            fail(error)
        }
    }
}

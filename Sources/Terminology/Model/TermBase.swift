import Foundation
import TMCore

/// A terminology collection: concepts with terms in two (or more) languages, as a TBX file or
/// a glossary store holds it. `sourceLanguage` and `targetLanguage` say which way look-ups and
/// pair exports go by default.
public struct TermBase: Sendable, Hashable {
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    public var title: String
    public var concepts: [Concept]

    public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, title: String = "tmkit glossary", concepts: [Concept] = []) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.title = title
        self.concepts = concepts
    }

    /// Number of terms in all concepts.
    public var termCount: Int { concepts.reduce(0) { $0 + $1.terms.count } }
}

extension TermBase {
    /// The concepts as source/target pairs (every usable source term with every target term of
    /// its concept, best first), for the aligner's priors and the OmegaT layouts. Deprecated and
    /// superseded targets are left out unless `includeUnusable`.
    public func pairs(includeUnusable: Bool = false) -> Glossary {
        var g = Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, title: title)
        for c in concepts {
            let sources = c.terms(in: sourceLanguage), targets = c.terms(in: targetLanguage)
            for s in sources where includeUnusable || s.effectiveStatus.isUsable {
                for t in targets where includeUnusable || t.effectiveStatus.isUsable {
                    let note = (c.notes + t.notes).joined(separator: "; ")
                    let stats = t.evidence.map { GlossaryEntry.Statistics(count: $0.count, sourceCount: $0.sourceCount, targetCount: $0.targetCount) }
                    let examples = t.contexts.compactMap { ctx in ctx.parallel.map { GlossaryEntry.Example(source: $0, target: ctx.text) } }
                    g.entries.append(GlossaryEntry(source: s.text, target: t.text, score: t.score, note: note.isEmpty ? nil : note,
                                                   statistics: stats, examples: examples))
                }
            }
        }
        return g
    }

    /// Pairs grouped into concepts: one concept per source term, holding its translations in
    /// the order given (the aligner's, best first). A pair with statistics is a machine-built
    /// `candidate`; one without is a person's term (no status stated). Example sentences go to
    /// the target term's contexts with the source sentence beside them.
    public init(pairs glossary: Glossary, origin: String? = nil) {
        self.init(sourceLanguage: glossary.sourceLanguage, targetLanguage: glossary.targetLanguage, title: glossary.title)
        var byTerm: [String: Int] = [:]
        for e in glossary.entries {
            let built = e.statistics != nil
            let status: TermStatus? = built ? .candidate : nil
            let evidence = e.statistics.map { Evidence(score: e.score, count: $0.count, sourceCount: $0.sourceCount, targetCount: $0.targetCount) }
                ?? (e.score != 1 ? Evidence(score: e.score) : nil)
            let target = Term(language: targetLanguage, text: e.target, status: status, notes: e.note.map { [$0] } ?? [], source: origin,
                              contexts: e.examples.map { Context(text: $0.target, parallel: $0.source) }, evidence: evidence)
            if let i = byTerm[e.source] {
                if !concepts[i].terms.contains(where: { $0.language == targetLanguage && $0.text == e.target }) {
                    concepts[i].terms.append(target)
                }
                continue
            }
            byTerm[e.source] = concepts.count
            let source = Term(language: sourceLanguage, text: e.source, status: status, source: origin,
                              evidence: built ? e.statistics.map { Evidence(score: 1, count: $0.sourceCount, sourceCount: $0.sourceCount) } : nil)
            concepts.append(Concept(id: "c\(concepts.count + 1)", terms: [source, target]))
        }
    }
}

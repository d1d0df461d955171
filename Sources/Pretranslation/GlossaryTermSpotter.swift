import Foundation
import TMCore
import Terminology

/// Spots the terms of the glossaries in a `GlossaryIndex` (the glossary's own spotter: match
/// keys, inflected Korean forms, longest term first). The index holds both sides of every
/// entry, so a ko→en glossary serves an en→ko run too.
public struct GlossaryTermSpotter: TermSpotter {
    private let spotter: Terminology.TermSpotter

    /// `maxTranslations`: most translations per term (the best usable ones; deprecated and
    /// superseded terms are never offered).
    public init(index: GlossaryIndex, maxTranslations: Int = 3) {
        spotter = Terminology.TermSpotter(index: index, maxTranslations: maxTranslations)
    }

    /// Terms in the index.
    public var count: Int { spotter.index.count }

    public func terms(in segment: String, languages: LanguagePair) -> [SpottedTerm] {
        var seen = Set<String>()
        var found: [SpottedTerm] = []
        for spot in spotter.spot(segment).spots where seen.insert(spot.term).inserted {
            found.append(SpottedTerm(term: spot.term, translations: spot.translations, surface: spot.text))
        }
        return found
    }
}

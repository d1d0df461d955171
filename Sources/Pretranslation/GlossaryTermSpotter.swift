import Foundation
import TMCore
import Terminology

/// Spots the terms of glossaries (the glossary's own spotter: match keys, inflected Korean
/// forms, longest term first), either from a `GlossaryIndex` held in memory or from glossary
/// stores through a `GlossaryTextIndex`, which reads only the terms each segment can match.
/// Both sides of every entry are indexed, so a ko→en glossary serves an en→ko run too.
public struct GlossaryTermSpotter: TermSpotter {
    private enum Terms: Sendable {
        case index(GlossaryIndex)
        case stores(GlossaryTextIndex)
    }

    private let terms: Terms
    private let maxTranslations: Int

    /// `maxTranslations`: most translations per term (the best usable ones; deprecated and
    /// superseded terms are never offered).
    public init(index: GlossaryIndex, maxTranslations: Int = 3) {
        terms = .index(index)
        self.maxTranslations = maxTranslations
    }

    /// A spotter reading glossary stores through their key index.
    public init(stores: GlossaryTextIndex, maxTranslations: Int = 3) {
        terms = .stores(stores)
        self.maxTranslations = maxTranslations
    }

    /// Terms in the glossaries.
    public var count: Int {
        switch terms {
        case let .index(index): index.count
        case let .stores(stores): stores.termCount()
        }
    }

    public func prepare(_ segments: [String]) throws {
        if case let .stores(stores) = terms { try stores.prepare(segments) }
    }

    public func terms(in segment: String, languages: LanguagePair) throws -> [SpottedTerm] {
        let index: GlossaryIndex
        switch terms {
        case let .index(i): index = i
        case let .stores(stores): index = try stores.index(for: [segment])
        }
        var seen = Set<String>()
        var found: [SpottedTerm] = []
        for spot in Terminology.TermSpotter(index: index, maxTranslations: maxTranslations).spot(segment).spots where seen.insert(spot.term).inserted {
            found.append(SpottedTerm(term: spot.term, translations: spot.translations, surface: spot.text))
        }
        return found
    }
}

import Foundation
import Segmentation
import TMCore
import TranslationMemory

/// Matches from the translation memory store. Each worker thread opens its own connection.
public final class MemoryMatchProvider: MatchProvider {
    let memory: TranslationMemory

    /// Opens the store at `path` (it must exist).
    public init(path: String, segmenter: Segmenter = Segmenter()) throws {
        memory = try TranslationMemory(path: path, create: false, segmenter: segmenter)
    }

    public func bestMatch(for segment: String, context: String?, languages: LanguagePair, minScore: Int) throws -> PretranslationMatch? {
        try memory.lookup(segment, options: Self.options(context: context, languages: languages, minScore: minScore)).first.map(Self.match)
    }

    /// The lookup a pre-translation asks of a memory (of either store): the best match only.
    public static func options(context: String?, languages: LanguagePair, minScore: Int) -> LookupOptions {
        LookupOptions(minScore: minScore, limit: 1, sourceLanguage: languages.source, targetLanguage: languages.target, context: context)
    }

    /// A memory's match as pre-translation uses it.
    public static func match(_ m: TMMatch) -> PretranslationMatch {
        PretranslationMatch(score: m.score, source: m.source, target: m.target, id: m.tuid ?? String(m.id))
    }
}

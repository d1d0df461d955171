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
        let options = LookupOptions(minScore: minScore, limit: 1, sourceLanguage: languages.source,
                                    targetLanguage: languages.target, context: context)
        guard let m = try memory.lookup(segment, options: options).first else { return nil }
        return PretranslationMatch(score: m.score, source: m.source, target: m.target, id: m.tuid ?? String(m.id))
    }
}

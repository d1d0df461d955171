import Foundation
import Pretranslation
import TMCore
import Terminology

/// The term spotter for `--glossary` files, or the default glossaries when none is given.
enum GlossarySpotting {
    /// Reads the glossaries now (so a bad file fails before any work) and returns the factory.
    static func factory(_ paths: [String], sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?) throws -> Pretranslator.SpotterFactory {
        let files = paths.isEmpty ? GlossaryTermSpotter.defaultPaths : paths
        // TSV glossaries carry no languages: the run's, else en → ko.
        let s = sourceLanguage ?? .english
        let t = targetLanguage ?? (s.sameLanguage(as: .korean) ? .english : .korean)
        let glossaries = try files.map { try GlossaryFile.read($0, sourceLanguage: s, targetLanguage: t) }
        return { pairs in GlossaryTermSpotter(glossaries: glossaries, pairs: pairs) }
    }
}

import Foundation
import Pretranslation
import Terminology

/// The term spotter for `--glossary` files, or the default glossaries (Glossary/*.tbx and the
/// user's glossary) when none is given, read the way `tmkit glossary spot` reads them.
enum GlossarySpotting {
    /// Reads the glossaries now (so a bad file fails before any work) and returns the factory.
    static func factory(_ sources: GlossarySources) throws -> Pretranslator.SpotterFactory {
        let index = try sources.load()
        let spotter = GlossaryTermSpotter(index: index, maxTranslations: sources.maxTranslations)
        return { _ in spotter }
    }
}

import Foundation
import Pretranslation
import Terminology

/// The term spotter for `--glossary` files, or the default glossaries (Glossary/*.tbx and the
/// user's glossary) when none is given, read the way `tmkit glossary spot` reads them.
enum GlossarySpotting {
    /// Opens the glossaries now (compiling a changed file, so a bad one fails before any work)
    /// and returns the factory; terms are read per segment through the stores' key index.
    static func factory(_ sources: GlossarySources) throws -> Pretranslator.SpotterFactory {
        let spotter = GlossaryTermSpotter(stores: try sources.textIndex(), maxTranslations: sources.maxTranslations)
        return { _ in spotter }
    }
}

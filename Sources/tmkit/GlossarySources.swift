import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import Terminology

/// Which glossaries lookup, spot, pretranslate and analyze read, and how many translations a
/// spotted term carries.
struct GlossarySources: ParsableArguments {
    @Option(name: .customLong("glossary"), help: "A glossary to read (.tbx, .tsv, .csv, compiled into an index on first use, or a glossary store such as glossary.sqlite; repeatable). Default: the user's glossary, TMKIT_GLOSSARY_PATH and the shipped Glossary/ (see `tmkit glossary paths`).")
    var glossaries: [String] = []

    @Option(name: .customLong("glossary-translations"), help: "Most translations given per spotted term (the best approved ones first).")
    var maxTranslations = 3

    var catalog: GlossaryCatalog { GlossaryCatalog(named: glossaries) }

    /// The stores of the catalog (compiling files on first use); warns when no shipped glossary
    /// is found. With `--database`, the database's glossaries, and the `--glossary` files named.
    func stores(_ database: GlossaryDatabaseOptions? = nil) throws -> [(name: String, store: any GlossaryStoring)] {
        if let database, let url = database.database {
            let files = glossaries.isEmpty ? [] : try Self.open(catalog)
            return try database.readStores(url) + files
        }
        return try Self.open(catalog)
    }

    private static func open(_ catalog: GlossaryCatalog) throws -> [(name: String, store: any GlossaryStoring)] {
        if let w = catalog.warning { notice("warning: " + w) }
        return try catalog.openStores(onCompile: { loc in Progress.report("compiled \(loc.path) into \(GlossaryCache.storePath(for: loc.path))") },
                                      notes: { notice($0) })
    }

    /// Look-ups straight from the stores (the `lookup` command).
    func lookup(_ database: GlossaryDatabaseOptions? = nil) throws -> GlossaryLookup { GlossaryLookup(stores: try stores(database)) }

    /// The stores read through their key index, for spotting in documents: only the terms
    /// whose keys occur in the text are read.
    func textIndex(_ database: GlossaryDatabaseOptions? = nil) throws -> GlossaryTextIndex { try GlossaryTextIndex(stores: try stores(database)) }
}

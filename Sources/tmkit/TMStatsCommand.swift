import ArgumentParser
import Foundation
import TranslationMemory

struct TMStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the entries, language pairs, files imported, size and index state of the memory.")

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions

    @OptionGroup var server: ServerOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Report: Encodable {
        struct Pair: Encodable { var source: String; var target: String; var entries: Int }
        struct File: Encodable { var file: String; var entries: Int; var units: Int; var last_imported: String? }
        var memory: String
        var entries: Int
        var language_pairs: [Pair]
        var origins: [File]
        var bytes: Int64
        var index_terms: Int
        var index_stale: Bool
        var schema_version: Int
    }

    func validate() throws {
        try database.check(store)
        try server.check(store, database)
    }

    func run() throws {
        if let url = database.database { return runOnDatabase(url) }
        if server.server != nil { return runOnServer() }
        let tm = store.open(create: false)
        do {
            let s = try tm.statistics()
            let origins = try tm.originSummaries()
            let stale = try tm.indexIsStale
            var out = OutputBuffer()
            switch format {
            case .json:
                let report = Report(
                    memory: tm.path, entries: s.entries,
                    language_pairs: s.languagePairs.map { .init(source: $0.source, target: $0.target, entries: $0.entries) },
                    origins: origins.map { .init(file: $0.file, entries: $0.entries, units: $0.units, last_imported: $0.lastImported.map(EntryOutput.date)) },
                    bytes: s.bytes, index_terms: s.indexTerms, index_stale: stale, schema_version: s.schemaVersion)
                out.write(JSONOutput.encode(report) + "\n")
            case .text:
                out.write("memory: \(tm.path)\n")
                out.write("entries: \(s.entries)\n")
                for p in s.languagePairs { out.write("languages: \(p.source) -> \(p.target): \(p.entries)\n") }
                for o in origins { out.write("from: \(o.file): \(o.entries) entries (\(o.units) units)\n") }
                out.write(String(format: "size: %.1f MB (%lld bytes)\n", Double(s.bytes) / 1_048_576, s.bytes))
                out.write("index terms: \(s.indexTerms)\(stale ? " (stale: run `tmkit tm reindex`)" : "")\n")
                out.write("schema version: \(s.schemaVersion)\n")
            }
            out.flush()
        } catch {
            fail(error)
        }
    }
}

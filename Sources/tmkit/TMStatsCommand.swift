import ArgumentParser
import Foundation
import TranslationMemory

struct TMStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show the number of entries, the language pairs and the size of the memory.")

    @OptionGroup var store: TMStoreOptions

    func run() throws {
        let tm = store.open(create: false)
        do {
            let s = try tm.statistics()
            var out = OutputBuffer()
            out.write("memory: \(tm.path)\n")
            out.write("entries: \(s.entries)\n")
            for p in s.languagePairs { out.write("languages: \(p.source) -> \(p.target): \(p.entries)\n") }
            out.write(String(format: "size: %.1f MB (%lld bytes)\n", Double(s.bytes) / 1_048_576, s.bytes))
            out.write("index terms: \(s.indexTerms)\n")
            out.write("schema version: \(s.schemaVersion)\n")
            out.flush()
        } catch {
            fail(error)
        }
    }
}

import ArgumentParser
import Foundation
import TranslationMemory

struct TMReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Analyse every entry again and rebuild the match keys and the index in place.",
        discussion: """
        Run it when lookups warn that the index was built with another version of the \
        analysis (after a tmkit upgrade). It is one transaction: if it fails or is interrupted, \
        the old index stays. Progress is shown on a terminal.

        Example:
          tmkit tm reindex --memory client-a
        """
    )

    @OptionGroup var store: TMStoreOptions

    @Flag(help: "Rebuild even when the index is up to date.")
    var force = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let tm = store.open(create: false)
        let started = Date()
        var n = 0
        var rebuilt = false
        do {
            let stale = try tm.indexIsStale
            if force || stale {
                let bar = stderrIsTerminal ? ProgressBar(label: "reindex", unit: "entries") : nil
                n = try tm.reindex { done, total in bar?.update(done, total) }
                bar?.finish()
                rebuilt = true
            } else {
                n = try tm.count()
            }
        } catch {
            fail(error)
        }
        let seconds = Date().timeIntervalSince(started)
        var out = OutputBuffer()
        switch format {
        case .json:
            out.write("{\"entries\": \(n), \"rebuilt\": \(rebuilt), \"seconds\": \(String(format: "%.2f", seconds))}\n")
        case .text:
            out.write(rebuilt ? String(format: "%@: reindexed %d entries in %.2f s\n", tm.path, n, seconds)
                : "\(tm.path): the index is up to date (\(n) entries); --force rebuilds it anyway\n")
        }
        out.flush()
    }
}

import ArgumentParser
import Formats
import Foundation
import TMCore
import TranslationMemory

struct TMImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import TMX, TSV/CSV, PO or XLIFF files into the translation memory.",
        discussion: """
        Each file is imported in one transaction: a file with an error (malformed XML, a bad \
        language code, a missing file...) adds nothing and is reported on its own line, the \
        store keeps what it had, the other files are still imported, and tmkit exits with 1. \
        Identical pairs (languages, source, target and context) are stored once. For each file, \
        prints what was read, added, found duplicate and skipped, with the reasons.
        """
    )

    @Argument(help: "Files to import (.tmx, .tsv, .csv, .po, .xlf/.xliff).")
    var files: [String]

    @OptionGroup var store: TMStoreOptions

    @Option(name: .customLong("source-lang"), help: "Source language (default: what the file says).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language (default: what the file says).")
    var targetLanguage: String?

    @Flag(name: .customLong("include-fuzzy"), help: "Also import fuzzy (needs-review) PO/XLIFF entries.")
    var includeFuzzy = false

    func run() throws {
        let options = ReadOptions(
            sourceLanguage: languageOption(sourceLanguage, "--source-lang"),
            targetLanguage: languageOption(targetLanguage, "--target-lang"), includeFuzzy: includeFuzzy)
        let tm = store.open(create: true)
        var out = OutputBuffer()
        var total = ImportSummary(file: "total")
        var failed: [String] = []
        for file in files {
            let started = Date()
            do {
                let reader = try FormatRegistry.requireReader(for: file)
                let summary = try tm.importUnits(file: file, progress: stderrIsTerminal ? { n in
                    FileHandle.standardError.write(Data("\r\(file): \(n) units".utf8))
                } : nil) { emit in
                    try reader.read(file, options: options) { try emit($0) }.skipped
                }
                if stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                out.write(Self.describe(summary, seconds: Date().timeIntervalSince(started)))
                total.read += summary.read
                total.added += summary.added
                total.duplicates += summary.duplicates
                for (k, v) in summary.skipped { total.skipped[k, default: 0] += v }
            } catch {
                // One line per failed file, in order with the others; the rest still run.
                out.flush()
                if stderrIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
                FileHandle.standardError.write(Data("tmkit: \(Self.failureLine(error, file: file))\n".utf8))
                failed.append(file)
            }
        }
        if files.count > 1 {
            var line = Self.describe(total, seconds: nil)
            line.removeLast()
            line += "; \(files.count - failed.count) of \(files.count) files imported"
            if !failed.isEmpty { line += ", failed: " + failed.joined(separator: ", ") }
            out.write(line + "\n")
        }
        out.flush()
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// The error for one file, naming it (and saying that nothing from it was stored).
    static func failureLine(_ error: Error, file: String) -> String {
        let message = "\(error)"
        if message.contains("nothing") { return message }
        let named = message.hasPrefix(file) ? message : "\(file): \(message)"
        return named + "; nothing from this file was imported"
    }

    static func describe(_ s: ImportSummary, seconds: Double?) -> String {
        var line = "\(s.file): read \(s.read), added \(s.added), duplicates \(s.duplicates), skipped \(s.skippedTotal)"
        if !s.skipped.isEmpty {
            line += " (" + s.skipped.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        }
        if let seconds, seconds > 0 {
            line += String(format: " in %.2f s (%.0f units/s)", seconds, Double(s.read) / seconds)
        }
        return line + "\n"
    }
}

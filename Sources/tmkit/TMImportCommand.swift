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
        language code...) adds nothing, the store keeps what it had, and tmkit exits with 1. \
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
        var readers: [(String, any TranslationUnitReader)] = []
        for file in files {
            do {
                readers.append((file, try FormatRegistry.requireReader(for: file)))
            } catch {
                fail(error)
            }
        }
        let tm = store.open(create: true)
        var out = OutputBuffer()
        var total = ImportSummary(file: "total")
        for (file, reader) in readers {
            let started = Date()
            let summary: ImportSummary
            do {
                summary = try tm.importUnits(file: file, progress: stderrIsTerminal ? { n in
                    FileHandle.standardError.write(Data("\r\(file): \(n) units".utf8))
                } : nil) { emit in
                    let read = try reader.read(file, options: options) { try emit($0) }
                    for note in read.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
                    return read.skipped
                }
                if stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            } catch {
                out.flush()
                if stderrIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
                fail(error)
            }
            out.write(Self.describe(summary, seconds: Date().timeIntervalSince(started)))
            total.read += summary.read
            total.added += summary.added
            total.duplicates += summary.duplicates
            for (k, v) in summary.skipped { total.skipped[k, default: 0] += v }
        }
        if readers.count > 1 { out.write(Self.describe(total, seconds: nil)) }
        out.flush()
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

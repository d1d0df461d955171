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
        prints what was read, added, found duplicate and skipped, with the reasons. Each entry \
        remembers the files it came from and how often; importing the same file again changes \
        nothing. A file with another extension (such as .xml), or - for standard input, is \
        recognised by its content. When no file gave a usable unit, tmkit exits with 1 and says why.

        Examples:
          tmkit tm import memory.tmx strings.po pairs.tsv
          tmkit tm import --memory client-a export.xml
          cat pairs.tsv | tmkit tm import --source-lang en --target-lang ko -
          tmkit tm import --database postgres://tmkit@db/tmkit memory.tmx
        """
    )

    @Argument(help: "Files to import (.tmx, .tsv, .csv, .po, .xlf/.xliff; - reads standard input).")
    var files: [String]

    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions

    @OptionGroup var server: ServerOptions

    @Option(name: .customLong("source-lang"), help: "Source language (default: what the file says).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language (default: what the file says).")
    var targetLanguage: String?

    @Flag(name: .customLong("include-fuzzy"), help: "Also import fuzzy (needs-review) PO/XLIFF entries.")
    var includeFuzzy = false

    @Option(help: "Output format of the summaries: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        try database.check(store)
        try server.check(store, database)
        if server.server != nil && files.contains("-") {
            throw ValidationError("With --server, name a file: its extension tells the server which reader to use (save standard input to a file first).")
        }
    }

    func run() throws {
        let options = ReadOptions(
            sourceLanguage: languageOption(sourceLanguage, "--source-lang"),
            targetLanguage: languageOption(targetLanguage, "--target-lang"), includeFuzzy: includeFuzzy,
            keepsInlineCodes: true)
        let url = database.database
        let client: ServerClient?
        do { client = try server.client() } catch { fail(error) }
        let tm = url == nil && client == nil ? store.open(create: true) : nil
        var out = OutputBuffer()
        var summaries: [ImportSummary] = []
        var failed: [String] = []
        let stdin = StandardInputFile()
        for file in files {
            let started = Date()
            do {
                let path = file == "-" ? try stdin.path() : file
                let name = file == "-" ? "<stdin>" : file
                if let client {
                    // One transaction per file on the server, the file streamed from the disk.
                    var summary = try importOnServer(client, file: path, options: options)
                    summary.seconds = Date().timeIntervalSince(started)
                    if format == .text { out.write(Self.describe(summary, seconds: summary.seconds)) }
                    summaries.append(summary)
                    continue
                }
                if let url {
                    // One transaction per file in PostgreSQL, through the server's backend.
                    let read = options
                    var summary = try TMDatabase.run(url, memory: store.memory) { try await $0.backend.importFile(path, name: name, memory: $0.memory, options: read) }
                    summary.seconds = Date().timeIntervalSince(started)
                    if format == .text { out.write(Self.describe(summary, seconds: summary.seconds)) }
                    summaries.append(summary)
                    continue
                }
                let reader = try FormatRegistry.requireReader(for: path)
                var summary = try tm!.importUnits(file: file == "-" ? "<stdin>" : file, progress: stderrIsTerminal ? { n in
                    FileHandle.standardError.write(Data("\r\(file): \(n) units".utf8))
                } : nil) { emit in
                    let read = try reader.read(path, options: options) { try emit($0) }
                    for note in read.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
                    return read.skipped
                }
                if stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                summary.seconds = Date().timeIntervalSince(started)
                if format == .text { out.write(Self.describe(summary, seconds: summary.seconds)) }
                summaries.append(summary)
            } catch {
                // One line per failed file, in order with the others; the rest still run.
                out.flush()
                if stderrIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
                FileHandle.standardError.write(Data("tmkit: \(oneLine(Self.failureLine(stdin.rename(error), file: file == "-" ? "<stdin>" : file)))\n".utf8))
                failed.append(file)
            }
        }
        if format == .text && files.count > 1 {
            var line = Self.describe(ImportReport.total(summaries), seconds: nil)
            line.removeLast()
            line += "; \(files.count - failed.count) of \(files.count) files imported"
            if !failed.isEmpty { line += ", failed: " + failed.joined(separator: ", ") }
            out.write(line + "\n")
        }
        if format == .json { out.write(ImportReport.json(summaries, failed: failed) + "\n") }
        out.flush()
        if !failed.isEmpty { throw ExitCode(1) }
        ImportReport.exitIfNothingImported(summaries)
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

/// Import and merge summaries, in text or JSON, and the exit code when nothing was imported.
enum ImportReport {
    static func total(_ summaries: [ImportSummary]) -> ImportSummary {
        var total = ImportSummary(file: "total")
        for s in summaries {
            total.read += s.read
            total.added += s.added
            total.duplicates += s.duplicates
            for (k, v) in s.skipped { total.skipped[k, default: 0] += v }
        }
        return total
    }

    static func json(_ summaries: [ImportSummary], failed: [String] = []) -> String {
        struct Report: Encodable { var files: [ImportRecord]; var total: ImportRecord; var failed: [String] }
        var t = total(summaries)
        t.reimport = false
        return JSONOutput.encode(Report(files: summaries.map { ImportRecord($0, keys: .snakeCase) }, total: ImportRecord(t, keys: .snakeCase), failed: failed))
    }

    static func print(_ summaries: [ImportSummary], format: OutputFormat, label: String) {
        var out = OutputBuffer()
        switch format {
        case .json: out.write(json(summaries) + "\n")
        case .text:
            for s in summaries { out.write(TMImportCommand.describe(s, seconds: nil)) }
            let t = total(summaries)
            out.write("\(label): \(t.added) added, \(t.duplicates) already there\n")
        }
        out.flush()
        exitIfNothingImported(summaries)
    }

    /// Exits with 1, saying why, when no file gave a single usable unit.
    static func exitIfNothingImported(_ summaries: [ImportSummary]) {
        let t = total(summaries)
        guard t.added == 0 && t.duplicates == 0 else { return }
        let why = summaries.count == 1 ? (summaries[0].nothingImportedReason ?? "nothing to import")
            : (t.nothingImportedReason ?? "nothing to import")
        let name = summaries.count == 1 ? summaries[0].file : "\(summaries.count) files"
        fail(CLIError("\(name): nothing imported: \(why)"))
    }
}

/// Standard input saved to a temporary file, for readers that need a path; errors that name
/// that file are reworded to say `<stdin>`.
final class StandardInputFile {
    private var saved: String?

    func path() throws -> String {
        if let saved { return saved }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-stdin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("stdin").path
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard FileManager.default.createFile(atPath: file, contents: data) else { throw CLIError("<stdin>: cannot save standard input") }
        saved = file
        return file
    }

    func rename(_ error: Error) -> Error {
        guard let saved else { return error }
        // The reader names the saved copy, which the import may already have prefixed with `<stdin>: `.
        let message = "\(error)".replacingOccurrences(of: saved, with: "<stdin>")
        return CLIError(message.replacingOccurrences(of: "<stdin>: <stdin>", with: "<stdin>"))
    }

    deinit {
        if let saved { try? FileManager.default.removeItem(atPath: (saved as NSString).deletingLastPathComponent) }
    }
}

extension TMImportCommand {
    /// `tm import --server URL FILE`: the file uploaded to the server's import route, which
    /// reads it with the same readers and errors; the summary names the file as given.
    func importOnServer(_ client: ServerClient, file: String, options: ReadOptions) throws -> ImportSummary {
        let memory = store.memory ?? "default"
        var query = [URLQueryItem(name: "filename", value: (file as NSString).lastPathComponent)]
        if let s = options.sourceLanguage { query.append(URLQueryItem(name: "sourceLanguage", value: s.code)) }
        if let t = options.targetLanguage { query.append(URLQueryItem(name: "targetLanguage", value: t.code)) }
        if options.includeFuzzy { query.append(URLQueryItem(name: "includeFuzzy", value: "true")) }
        var summary = try client.upload("/api/v1/memories/\(ServerClient.segment(memory))/import", query, file: file, as: ImportRecord.self).summary
        summary.file = file
        return summary
    }
}

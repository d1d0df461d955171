import ArgumentParser
import Formats
import Foundation
import Pretranslation
import TMCore

/// Options `pretranslate` and `analyze` share, and the run itself.
struct BatchOptions: ParsableArguments {
    @OptionGroup var store: TMStoreOptions

    @OptionGroup var database: TMDatabaseOptions

    @OptionGroup var glossaries: GlossarySources

    @Option(name: .customLong("min-score"), help: "Fill targets from matches scoring at least this (0-101).")
    var minScore = 75

    @Option(name: .customLong("source-lang"), help: "Source language (default: what each file says; else en, or ko for Korean text).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language (default: what each file says; else ko, or en from Korean).")
    var targetLanguage: String?

    @Option(name: .customLong("report"), help: "Write the analysis as JSON to this file.")
    var reportPath: String?

    @Flag(name: .customLong("no-repair"), help: "Fill fuzzy matches as the memory has them, without patching numbers, placeholders, glossary terms or closing punctuation that differ from the new source.")
    var noRepair = false

    @Option(help: "Worker threads (default: the number of cores). The output does not depend on it.")
    var threads: Int?

    func validate() throws {
        try database.check(store)
        if !(0...101).contains(minScore) { throw ValidationError("--min-score must be between 0 and 101.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    /// Runs the batch and returns its report; fatal errors (no memory, bad options) exit.
    func execute(_ inputs: [String], outputDirectory: String?, approveExact: Bool = false) -> AnalysisReport {
        InterruptCleanup.install()
        let source = languageOption(sourceLanguage, "--source-lang")
        let target = languageOption(targetLanguage, "--target-lang")
        let matcher: Pretranslator.MatcherFactory
        var stopDatabase: () -> Void = {}
        if let url = database.database {
            // One PostgreSQL memory for every worker (its pool is shared), checked before any work.
            do {
                let opened = try PostgresMatchProvider.open(url, memory: store.memory)
                let provider = opened.provider
                matcher = { provider }
                stopDatabase = opened.stop
            } catch {
                fail(error)
            }
        } else {
            let tmPath = store.resolvedPath
            guard FileManager.default.fileExists(atPath: tmPath) else {
                fail(CLIError("\(tmPath): no translation memory (import one with `tmkit tm import`, or give --tm PATH)"))
            }
            // Open once here so that a bad store fails before any work.
            do { _ = try MemoryMatchProvider(path: tmPath) } catch { fail(error) }
            matcher = { try MemoryMatchProvider(path: tmPath) }
        }
        defer { stopDatabase() }
        let spotter: Pretranslator.SpotterFactory
        do {
            spotter = try GlossarySpotting.factory(glossaries)
        } catch {
            fail(error)
        }
        var options = PretranslationOptions(outputDirectory: outputDirectory, minScore: minScore,
                                            sourceLanguage: source, targetLanguage: target)
        if let threads { options.threads = threads }
        options.repair = !noRepair
        options.approveExact = approveExact
        let pretranslator = Pretranslator(options: options, matcher: matcher, spotter: spotter)
        let bar = stderrIsTerminal ? ProgressBar(label: outputDirectory == nil ? "analysing" : "pre-translating") : nil
        do {
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(done, total) } }
            let report = try pretranslator.run(inputs, progress: progress)
            bar?.finish()
            return report
        } catch {
            bar?.finish()
            fail(error)
        }
    }

    /// Prints the table and the errors, writes the JSON report, and exits 1 if a file failed.
    func finish(_ report: AnalysisReport) throws {
        for s in report.skipped {
            FileHandle.standardError.write(Data("tmkit: \(s.isError ? "" : "skipped: ")\(oneLine(s.reason))\n".utf8))
        }
        var out = OutputBuffer()
        out.write(report.table())
        out.flush()
        if let path = reportPath {
            do {
                try AtomicFile.write(try report.json(), to: path)
            } catch {
                fail(error)
            }
        }
        if report.hasErrors { throw ExitCode(1) }
    }
}

import ArgumentParser
import Dispatch
import Foundation
import Pretranslation
import TMCore
import TranslationMemory

struct PretranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Fill documents from the translation memory, mark glossary terms, and report the work left.",
        discussion: """
        Reads XLIFF 1.2 and 2.x (.xlf, .xliff), gettext PO (.po, .pot), plain text (.txt) and
        Markdown (.md); folders are walked, other files are listed and skipped. Each input is
        written under OUTDIR with the same relative path: XLIFF stays XLIFF (same version) with
        targets filled from the best match at or above --min-score (1.2: target state and an
        alt-trans with match-quality and origin; 2.x: segment state and an mtc:match), PO stays
        PO with msgstr filled (fuzzy below 100), text and Markdown become XLIFF 2.0 (NAME.xlf).
        Glossary terms found in a segment are attached as notes. Translations already in a
        document are kept. A segment seen earlier in the batch is a repetition: translated once,
        counted in the repetitions band.

        The analysis (segments, words and characters per band: repetitions, 101, 100, 95-99,
        85-94, 75-84, 50-74, no match) is printed as a table; --report writes it as JSON.
        Output files are written atomically. A malformed file is reported with its line and
        column and skipped; the exit status is then 1.

        Examples:
          tmkit pretranslate docs/ -o out/ --report analysis.json
          tmkit pretranslate strings.po --tm project.sqlite --min-score 85 -o out/
          tmkit pretranslate notes.md --source-lang ko --target-lang en --glossary terms.tbx -o out/
        """
    )

    @Argument(help: "Files and folders to pre-translate.")
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: "The folder outputs are written to.")
    var output: String

    @OptionGroup var batch: BatchOptions

    func validate() throws { try batch.validate() }

    func run() throws {
        let report = batch.execute(inputs, outputDirectory: output)
        try batch.finish(report)
    }
}

/// Options `pretranslate` and `analyze` share, and the run itself.
struct BatchOptions: ParsableArguments {
    @Option(name: .customLong("tm"), help: "The translation memory file (default: $TMKIT_HOME/memory.sqlite).")
    var tm: String?

    @OptionGroup var glossaries: GlossarySources

    @Option(name: .customLong("min-score"), help: "Fill targets from matches scoring at least this (0-101).")
    var minScore = 75

    @Option(name: .customLong("source-lang"), help: "Source language (default: what each file says; else en, or ko for Korean text).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Target language (default: what each file says; else ko, or en from Korean).")
    var targetLanguage: String?

    @Option(help: "Write the analysis as JSON to this file.")
    var report: String?

    @Option(help: "Worker threads (default: the number of cores). The output does not depend on it.")
    var threads: Int?

    func validate() throws {
        if !(0...101).contains(minScore) { throw ValidationError("--min-score must be between 0 and 101.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    /// Runs the batch and returns its report; fatal errors (no memory, bad options) exit.
    func execute(_ inputs: [String], outputDirectory: String?) -> AnalysisReport {
        InterruptCleanup.install()
        let source = languageOption(sourceLanguage, "--source-lang")
        let target = languageOption(targetLanguage, "--target-lang")
        let tmPath = tm ?? TranslationMemory.defaultPath
        guard FileManager.default.fileExists(atPath: tmPath) else {
            fail(CLIError("\(tmPath): no translation memory (import one with `tmkit tm import`, or give --tm PATH)"))
        }
        // Open once here so that a bad store fails before any work.
        do { _ = try MemoryMatchProvider(path: tmPath) } catch { fail(error) }
        let spotter: Pretranslator.SpotterFactory
        do {
            spotter = try GlossarySpotting.factory(glossaries)
        } catch {
            fail(error)
        }
        var options = PretranslationOptions(outputDirectory: outputDirectory, minScore: minScore,
                                            sourceLanguage: source, targetLanguage: target)
        if let threads { options.threads = threads }
        let pretranslator = Pretranslator(options: options, matcher: { try MemoryMatchProvider(path: tmPath) }, spotter: spotter)
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
            FileHandle.standardError.write(Data("tmkit: \(s.isError ? "" : "skipped: ")\(s.reason)\n".utf8))
        }
        var out = OutputBuffer()
        out.write(report.table())
        out.flush()
        if let path = report_path {
            do {
                try AtomicFile.write(try report.json(), to: path)
            } catch {
                fail(error)
            }
        }
        if report.hasErrors { throw ExitCode(1) }
    }

    private var report_path: String? { report }
}

/// Removes temporary output files on Ctrl-C or SIGTERM, then exits 130 / 143.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                AtomicFile.removeTemporaryFiles()
                FileHandle.standardError.write(Data("\ntmkit: interrupted; no partial output was left\n".utf8))
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// A progress bar on stderr (only made when stderr is a terminal).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var lastDrawn = 0.0

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        guard done == total || now - lastDrawn > 0.1 else { return }
        lastDrawn = now
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total) segments"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDrawn > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

import ArgumentParser
import Foundation
import Pretranslation

struct PretranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Fill documents from the translation memory, mark glossary terms, and report the work left.",
        discussion: """
        Reads XLIFF 1.2 and 2.x (.xlf, .xliff), gettext PO (.po, .pot), plain text (.txt) and \
        Markdown (.md); folders are walked, other files are listed and skipped. Each input is \
        written under OUTDIR with the same relative path: XLIFF stays XLIFF (same version) with \
        targets filled from the best match at or above --min-score (1.2: target state and an \
        alt-trans with match-quality and origin; 2.x: segment state and an mtc:match), PO stays \
        PO with msgstr filled (fuzzy below 100), text and Markdown become XLIFF 2.0 (NAME.xlf). \
        Glossary terms found in a segment are attached as notes. Translations already in a \
        document are kept. A segment seen earlier in the batch is a repetition: translated once, \
        counted in the repetitions band.

        The analysis (segments, words and characters per band: repetitions, 101, 100, 95-99, \
        85-94, 75-84, 50-74, no match) is printed as a table; --report writes it as JSON. \
        Output files are written atomically. A malformed file is reported with its line and \
        column and skipped; the exit status is then 1.

        Examples:
          tmkit pretranslate docs/ -o out/ --report analysis.json
          tmkit pretranslate strings.po --tm project.sqlite --min-score 85 -o out/
          tmkit pretranslate notes.md --source-lang ko --target-lang en \\
            --glossary terms.tbx -o out/
        """
    )

    @Argument(help: "Files and folders to pre-translate.")
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: "The folder outputs are written to.")
    var output: String

    @OptionGroup var batch: BatchOptions

    @Flag(name: .customLong("approve-exact"), help: "Mark XLIFF 1.2 units filled from an exact (100 or 101) match approved=\"yes\", so that tools such as xliff2po take them as final.")
    var approveExact = false

    func validate() throws { try batch.validate() }

    func run() throws {
        let report = batch.execute(inputs, outputDirectory: output, approveExact: approveExact)
        try batch.finish(report)
    }
}

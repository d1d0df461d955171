import Alignment
import ArgumentParser
import Formats
import Foundation
import Segmentation
import Terminology
import TMCore
import TranslationMemory

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Align a document and its translation into sentence pairs.",
        discussion: """
        Reads SOURCE_DOC and TARGET_DOC (plain text, Markdown or HTML, chosen by extension: \
        .md/.markdown, .html/.htm, anything else is text), aligns their paragraphs and then \
        the sentences inside each paragraph pair, and prints one bead per line as TSV:
          source<TAB>target<TAB>bead<TAB>confidence<TAB>flagged
        after a header line (source-LANG, target-LANG, bead, confidence, flagged). Beads are \
        1-1, 1-2, 2-1, 1-0 and 0-1 (and 1-3, 3-1); the confidence is the bead's posterior probability (0-1). \
        A bead is flagged ("yes") when its confidence is below --min-confidence or one side is \
        empty. Tabs, newlines and backslashes in text are written as \\t, \\n, \\\\.

        Evidence: Gale and Church's length model on characters (ratio and variance estimated \
        from the pair itself) and anchors: numbers by value, Latin words kept in the \
        translation, names matched by transliteration (트럼프 ~ Trump), glossary terms \
        (--glossary: TBX, or TSV/CSV of source, target, comment) and punctuation (quotes, ?, !, closing colon), \
        plus headings and list items at the paragraph level.

        With -o FILE the pairs go to FILE instead (.tsv, or .tmx for TMX 1.4b); flagged beads \
        are written to TSV but left out of TMX. With --import the pairs that are not flagged \
        go into the translation memory (--tm, default $TMKIT_HOME/memory.sqlite) in one \
        transaction, and a line saying how many were added goes to stderr; --import-flagged \
        adds the flagged ones too (never 1-0 or 0-1). A failed run imports nothing.

        Examples:
          tmkit align guide.en.md guide.ko.md
          tmkit align faq.en.html faq.ko.html -o pairs.tsv --min-confidence 0.7
          tmkit align report.txt report.ko.txt -o pairs.tmx --import
        """
    )

    @Argument(help: "The source document (.txt, .md, .html).")
    var sourceDoc: String

    @Argument(help: "The target document, the translation of the source.")
    var targetDoc: String

    @Option(name: .shortAndLong, help: "Write the pairs to this file (.tsv or .tmx) instead of standard output.")
    var output: String?

    @Flag(name: .customLong("import"), help: "Add the pairs that are not flagged to the translation memory, in one transaction.")
    var importPairs = false

    @Flag(help: "With --import, also import flagged (low-confidence) pairs.")
    var importFlagged = false

    @Option(help: "The translation memory for --import (default: $TMKIT_HOME/memory.sqlite).")
    var tm: String?

    @Option(help: "Beads below this confidence (0-1) are flagged and not imported.")
    var minConfidence: Double = 0.5

    @Option(help: "Language of the source document.")
    var sourceLang: String = "en"

    @Option(help: "Language of the target document.")
    var targetLang: String = "ko"

    @Option(help: "A glossary (.tbx, or .tsv/.csv: source, target, comment) whose terms serve as anchors.")
    var glossary: String?

    @Flag(help: "Ignore paragraphs: align all sentences in one pass.")
    var noParagraphs = false

    @Flag(help: "Use the length model only (Gale-Church), without anchors.")
    var lengthOnly = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, json }

    @Option(help: "Output format of the pairs: tsv or json (a .tmx -o is always TMX).")
    var format: Format = .tsv

    func validate() throws {
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1") }
        if importFlagged && !importPairs { throw ValidationError("--import-flagged needs --import") }
    }

    func run() throws {
        do {
            try execute()
        } catch {
            fail(error)
        }
    }

    private func execute() throws {
        guard let source = LanguageTag(sourceLang), source.isKnownLanguage else { throw CLIError("--source-lang: not a language code: \(sourceLang)") }
        guard let target = LanguageTag(targetLang), target.isKnownLanguage else { throw CLIError("--target-lang: not a language code: \(targetLang)") }
        if let output { try AlignOutput.checkDestination(output) }

        var options = SentenceAligner.Options()
        options.useAnchors = !lengthOnly
        options.useParagraphs = !noParagraphs
        if let glossary { options.glossary = try GlossaryPairs.read(glossary, source: source, target: target) }
        let sourceText = try TextFileReader.read(sourceDoc)
        let targetText = try TextFileReader.read(targetDoc)
        let sourceDocument = AlignmentDocument(name: sourceDoc, language: source, text: sourceText, format: DocumentFormat(path: sourceDoc))
        let targetDocument = AlignmentDocument(name: targetDoc, language: target, text: targetText, format: DocumentFormat(path: targetDoc))

        let progress = isatty(2) == 1
        if progress { FileHandle.standardError.write(Data("tmkit: aligning \(sourceDoc) with \(targetDoc)…\r".utf8)) }
        let aligner = SentenceAligner(segmenter: Segmenter(), options: options)
        let alignment = try aligner.align(source: sourceDocument, target: targetDocument)
        if progress { FileHandle.standardError.write(Data("\u{1B}[2K".utf8)) }

        let result = AlignOutput(alignment: alignment, source: source, target: target, minConfidence: minConfidence,
                                 sourceFile: sourceDoc)
        // Output first, then the import (one transaction): a failed import adds nothing.
        if format == .json, !(output?.lowercased().hasSuffix(".tmx") ?? false) {
            try result.writeJSON(to: output)
        } else {
            try result.write(to: output)
        }
        if importPairs {
            let summary = try result.importIntoTM(path: tm ?? TranslationMemory.defaultPath, includeFlagged: importFlagged)
            FileHandle.standardError.write(Data("imported into \(tm ?? TranslationMemory.defaultPath): added \(summary.added), duplicates \(summary.duplicates)\n".utf8))
        }
        if progress {
            let pairs = alignment.beads.filter { $0.isPair }.count
            let flagged = alignment.beads.filter { result.isFlagged($0) }.count
            FileHandle.standardError.write(Data("tmkit: \(pairs) sentence pairs, \(flagged) flagged\n".utf8))
        }
    }
}

/// Glossary term pairs for anchors, from any glossary file Terminology reads (TBX; OmegaT-style
/// TSV/CSV: source, target, comment), read through its compiled index (compiled on first use,
/// rebuilt when the file changes), in the alignment's direction.
enum GlossaryPairs {
    static func read(_ path: String, source: LanguageTag, target: LanguageTag) throws -> [GlossaryPair] {
        let store = try GlossaryCache.store(for: path, notes: { notice($0) })
        return try store.termPairs(from: source, to: target).map { GlossaryPair(source: $0.source, target: $0.target) }
    }
}

import Alignment
import ArgumentParser
import Formats
import Foundation
import TMCore
import Terminology
import TranslationMemory

struct GlossaryBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a glossary (term pairs with score, counts and examples) from parallel text.",
        discussion: """
        INPUT files are parallel text: TMX, PO, XLIFF, TSV/CSV (a header such as \
        source_en<TAB>target_ko names the languages; without one, column 1 is the source and \
        column 2 the target); --tm adds the entries of a tmkit translation memory. \
        Pairs with an empty side are skipped and counted; a file whose languages contradict \
        --source-lang/--target-lang is an error. The output (.tbx: TBX-Basic; .tsv/.csv: \
        OmegaT's layout) is written only when the build succeeds; an existing file is replaced \
        atomically.

        Examples:
          tmkit glossary build seeds/titles.ko-en.tsv -o Glossary/seeds.tbx
          tmkit glossary build corpus.tmx --min-count 3 -o terms.tbx
          tmkit glossary build --tm memory.sqlite -o tm-terms.tbx
        """
    )

    @Argument(help: "Parallel text files (TMX, PO, XLIFF, TSV, CSV).")
    var inputs: [String] = []

    @Option(name: .customLong("tm"), help: "A translation memory (tmkit tm store) to learn from too (repeatable).")
    var memories: [String] = []

    @Option(name: .shortAndLong, help: "The glossary to write (.tbx, .tsv or .csv).")
    var output: String

    @Option(name: .customLong("source-lang"), help: "Source language (default: what the files say).")
    var sourceLang: String?

    @Option(name: .customLong("target-lang"), help: "Target language (default: what the files say).")
    var targetLang: String?

    @Option(name: .customLong("min-count"), help: "Leave out source terms seen fewer times (default: 2, or 1 for tiny corpora).")
    var minCount: Int?

    @Option(name: .customLong("max-words"), help: "Longest source term in words.")
    var maxWords = 3

    @Option(name: .customLong("translations"), help: "Translations kept per source term.")
    var translations = 3

    @Option(name: .customLong("threads"), help: "Worker threads (default: the number of processors; results do not depend on it).")
    var threadCount: Int?

    var threads: Int { threadCount ?? 0 }

    @Option(help: "Output format of the summary (on standard output with json): text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("min-score"), help: "Leave out translations scoring below this (0 to 1: the estimated chance that the translation is right).")
    var minScore = 0.0

    func validate() throws {
        if inputs.isEmpty && memories.isEmpty { throw ValidationError("give at least one INPUT file or --tm PATH") }
        if let m = minCount, m < 1 { throw ValidationError("--min-count must be at least 1") }
        if !(0...1).contains(minScore) { throw ValidationError("--min-score must be between 0 and 1") }
        if translations < 1 { throw ValidationError("--translations must be at least 1") }
        if !(1...4).contains(maxWords) { throw ValidationError("--max-words must be 1 to 4") }
        guard GlossaryFile.format(of: output) != nil else { throw ValidationError("the output must end in .tbx, .tsv or .csv") }
    }

    func run() throws {
        do {
            let source = try sourceLang.map(parseLanguage)
            let target = try targetLang.map(parseLanguage)
            var corpus = try ParallelInput.read(inputs, source: source, target: target)
            for path in memories {
                do { try corpus.addMemory(path) } catch { corpus.failures.append((path, "\(error)")) }
            }
            // Each input read or reported on its own line; the glossary is written only from all of them.
            let all = inputs.count + memories.count
            if all > 1 || !corpus.failures.isEmpty {
                for (path, count) in corpus.perFile { notice("\(path): \(count) sentence pairs") }
                for (path, reason) in corpus.failures { notice(reason.hasPrefix(path) ? reason : "\(path): \(reason)") }
            }
            if !corpus.failures.isEmpty {
                notice("\(all - corpus.failures.count) of \(all) inputs read, failed: \(corpus.failures.map(\.0).joined(separator: ", ")); \(output) was not written")
                throw ExitCode(1)
            }
            guard let sl = corpus.sourceLanguage, let tl = corpus.targetLanguage else {
                throw TerminologyError.noLanguages(file: inputs.first ?? memories[0])
            }
            // Tiny corpora (a few titles) keep every term; larger ones need repeats.
            let min = minCount ?? (corpus.pairs.count < 200 ? 1 : 2)
            var options = TermAligner.Options(sourceLanguage: sl, targetLanguage: tl, minCount: min, maxWords: maxWords,
                                              maxTranslations: translations, threads: threads)
            if corpus.pairs.count < 200 { options.phraseEvidenceBelow = 2 }
            options.minScore = minScore
            let aligner = TermAligner(options: options)
            let report: ((String) -> Void)? = Progress.enabled ? { (m: String) in Progress.report(m) } : nil
            let result: TermAlignment
            do {
                result = try aligner.align(corpus.pairs, progress: report)
            } catch let AlignmentError.emptyCorpus(skipped, swapped) {
                // Count the pairs the readers dropped too.
                throw AlignmentError.emptyCorpus(skipped: skipped + corpus.skippedEmpty, swapped: swapped)
            }
            let glossary = GlossaryBuilder.glossary(from: result, sourceLanguage: sl, targetLanguage: tl,
                                                    title: "Built by tmkit from " + (inputs + memories).map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))
            try GlossaryFile.write(glossary, to: output)
            let skipped = corpus.skippedEmpty + result.pairsSkippedEmpty
            var message = "\(output): \(glossary.entries.count) term pairs from \(result.pairsUsed) sentence pairs"
            if skipped > 0 { message += "; \(skipped) pairs with an empty side skipped" }
            if result.pairsSkippedLong > 0 { message += "; \(result.pairsSkippedLong) over-long pairs skipped" }
            if result.pairsSkippedSwapped > 0 { message += "; \(result.pairsSkippedSwapped) pairs with the languages swapped skipped" }
            if !corpus.otherSkips.isEmpty { message += "; skipped: " + corpus.otherSkips.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") }
            if format == .json {
                struct Summary: Encodable {
                    var output: String; var term_pairs: Int; var sentence_pairs: Int; var skipped_empty: Int
                    var skipped_long: Int; var skipped: [String: Int]
                }
                print(JSONOutput.encode(Summary(
                    output: output, term_pairs: glossary.entries.count, sentence_pairs: result.pairsUsed, skipped_empty: skipped,
                    skipped_long: result.pairsSkippedLong,
                    skipped: corpus.otherSkips.merging(result.pairsSkippedSwapped > 0 ? ["languages swapped": result.pairsSkippedSwapped] : [:]) { $0 + $1 })))
            } else {
                notice(message)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            fail(error)
        }
    }
}

func parseLanguage(_ code: String) throws -> LanguageTag {
    guard let tag = LanguageTag(code), tag.isKnownLanguage else { throw TerminologyError.invalidLanguage(code) }
    return tag
}

/// Aligner results as a glossary.
enum GlossaryBuilder {
    static func glossary(from result: TermAlignment, sourceLanguage: LanguageTag, targetLanguage: LanguageTag, title: String) -> Glossary {
        let entries = result.terms.map { t in
            GlossaryEntry(source: t.source, target: t.target, score: t.score, note: nil,
                          statistics: .init(count: t.count, sourceCount: t.sourceCount, targetCount: t.targetCount),
                          examples: t.examples.map { .init(source: $0.source, target: $0.target) })
        }
        return Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, entries: entries, title: title)
    }
}

/// Parallel text read from files through the Formats readers.
struct ParallelInput {
    var pairs: [SentencePair] = []
    var sourceLanguage: LanguageTag?
    var targetLanguage: LanguageTag?
    var skippedEmpty = 0
    var otherSkips: [String: Int] = [:]
    /// Sentence pairs read from each input, in order.
    var perFile: [(String, Int)] = []
    /// Inputs that could not be read, with the error.
    var failures: [(String, String)] = []

    /// Adds the entries of a translation memory in the corpus's language pair (either
    /// direction; reversed entries are turned round). The first language pair of the store
    /// decides when no languages are known yet.
    mutating func addMemory(_ path: String) throws {
        let memory = try TranslationMemory(path: path, create: false)
        var added: [SentencePair] = []
        var other = 0
        try memory.forEachEntry { unit in
            if sourceLanguage == nil || targetLanguage == nil {
                sourceLanguage = unit.sourceLanguage
                targetLanguage = unit.targetLanguage
            }
            guard let sl = sourceLanguage, let tl = targetLanguage else { return }
            let location = SourceLocation(file: path, line: 0)
            if unit.sourceLanguage.sameLanguage(as: sl) && unit.targetLanguage.sameLanguage(as: tl) {
                added.append(SentencePair(source: unit.source, target: unit.target, location: location))
            } else if unit.sourceLanguage.sameLanguage(as: tl) && unit.targetLanguage.sameLanguage(as: sl) {
                added.append(SentencePair(source: unit.target, target: unit.source, location: location))
            } else {
                other += 1
            }
        }
        if other > 0 { otherSkips["TM entries in other languages", default: 0] += other }
        pairs += added
        perFile.append((path, added.count))
    }

    static func read(_ paths: [String], source: LanguageTag?, target: LanguageTag?) throws -> ParallelInput {
        var input = ParallelInput(sourceLanguage: source, targetLanguage: target)
        for path in paths {
            do {
                try input.add(path)
            } catch {
                input.failures.append((path, "\(error)"))
            }
        }
        return input
    }

    /// Reads one parallel file; nothing from it is kept when it fails.
    private mutating func add(_ path: String) throws {
        let reader = try FormatRegistry.requireReader(for: path)
        let wantSource = sourceLanguage, wantTarget = targetLanguage
        let options = ReadOptions(sourceLanguage: wantSource, targetLanguage: wantTarget)
        var read: [SentencePair] = []
        let summary = try reader.read(path, options: options) { unit in
            if let want = wantSource, !unit.sourceLanguage.sameLanguage(as: want) {
                throw AlignmentError.languageMismatch(where: unit.location?.description ?? path, side: "source", expected: want.code, found: unit.sourceLanguage.code)
            }
            if let want = wantTarget, !unit.targetLanguage.sameLanguage(as: want) {
                throw AlignmentError.languageMismatch(where: unit.location?.description ?? path, side: "target", expected: want.code, found: unit.targetLanguage.code)
            }
            read.append(SentencePair(source: unit.source, target: unit.target, location: unit.location))
        }
        if sourceLanguage == nil { sourceLanguage = summary.sourceLanguage }
        if targetLanguage == nil { targetLanguage = summary.targetLanguage }
        for (reason, n) in summary.skipped {
            if reason.contains("empty") || reason.contains("missing") || reason.contains("untranslated") { skippedEmpty += n } else { otherSkips[reason, default: 0] += n }
        }
        pairs += read
        perFile.append((path, read.count))
    }
}

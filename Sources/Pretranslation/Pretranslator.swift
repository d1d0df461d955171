import Formats
import Foundation
import Segmentation
import TMCore

/// What a pre-translation run does.
public struct PretranslationOptions: Sendable {
    /// Where outputs go; nil analyses only (`tmkit analyze`).
    public var outputDirectory: String?
    /// Targets are filled from matches scoring at least this.
    public var minScore: Int
    /// The run's languages; when nil, each file says (XLIFF, PO header), else en and ko.
    public var sourceLanguage: LanguageTag?
    public var targetLanguage: LanguageTag?
    /// Worker threads for matching; the output does not depend on it.
    public var threads: Int
    /// Repair fuzzy fills that differ from the new source only in numbers, placeholders,
    /// glossary terms or closing punctuation (see `FuzzyRepair`).
    public var repair = true
    /// Exact matches filled into XLIFF 1.2 get `approved="yes"` on their `trans-unit`.
    public var approveExact = false

    public init(outputDirectory: String? = nil, minScore: Int = 75, sourceLanguage: LanguageTag? = nil,
                targetLanguage: LanguageTag? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.outputDirectory = outputDirectory
        self.minScore = minScore
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.threads = max(1, threads)
    }
}

/// Runs a batch: reads the documents, finds repetitions, matches every distinct segment
/// against the memory and spots glossary terms (on several threads), fills the documents,
/// writes them atomically, and counts everything in the CAT bands.
///
/// ```swift
/// let run = Pretranslator(options: .init(outputDirectory: "out"),
///                         matcher: { try MemoryMatchProvider(path: tmPath) })
/// let report = try run.run(["docs/"])
/// print(report.table())
/// ```
public struct Pretranslator: Sendable {
    public typealias MatcherFactory = @Sendable () throws -> any MatchProvider
    /// Makes the spotter for the language pairs of the batch (called once).
    public typealias SpotterFactory = @Sendable (_ pairs: [LanguagePair]) throws -> any TermSpotter

    public var options: PretranslationOptions
    public var segmenter: Segmenter
    let makeMatcher: MatcherFactory
    let makeSpotter: SpotterFactory

    /// `matcher` is called once per worker thread, `spotter` once.
    public init(options: PretranslationOptions, segmenter: Segmenter = Segmenter(),
                matcher: @escaping MatcherFactory, spotter: @escaping SpotterFactory = { _ in NoTermSpotter() }) {
        self.options = options
        self.segmenter = segmenter
        makeMatcher = matcher
        makeSpotter = spotter
    }

    /// A loaded input.
    struct Loaded {
        var input: InputFile
        var document: any PretranslatableDocument
        var languages: LanguagePair
    }

    /// Runs the batch over `inputs` (files and folders). `progress(done, total)` is called from
    /// worker threads as distinct segments are matched. Files that fail are in `report.skipped`.
    public func run(_ inputs: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> AnalysisReport {
        var report = AnalysisReport(minScore: options.minScore, threads: options.threads)
        let (files, skipped) = InputFiles.expand(inputs, excluding: options.outputDirectory)
        if let out = options.outputDirectory { try InputFiles.refuseOverwriting(files, output: out) }
        report.skipped = skipped
        let loaded = load(files, skipped: &report.skipped)
        let batch = Repetitions(loaded)
        var pairs: [LanguagePair] = []
        for doc in loaded where !pairs.contains(doc.languages) { pairs.append(doc.languages) }
        let spotter = try makeSpotter(pairs)
        try spotter.prepare(batch.unique.flatMap { [$0.segment.source] + ($0.segment.pluralSource.map { [$0] } ?? []) })
        let found = try match(batch.unique, spotter: spotter, progress: progress)
        for (d, doc) in loaded.enumerated() {
            let (analysis, results) = analyse(doc, found: batch.indices[d].map { found[$0] }, repeated: batch.isRepetition[d])
            if let outdir = options.outputDirectory {
                do {
                    if let xliff = doc.document as? XLIFFDocument { xliff.approveExact = options.approveExact }
                    let data = try doc.document.rendered(results, languages: doc.languages)
                    let relative = doc.document.outputPath(for: doc.input.relative)
                    let path = (outdir as NSString).appendingPathComponent(relative)
                    do {
                        try AtomicFile.write(data, to: path)
                    } catch let error as FormatError {
                        if case let .write(_, reason) = error { throw PretranslationError.unwritable(file: path, reason: reason) }
                        throw error
                    }
                    report.files.append(analysis.writtenTo(relative))
                } catch {
                    report.skipped.append(SkippedFile(file: doc.input.path, reason: "\(error)", isError: true))
                }
            } else {
                report.files.append(analysis)
            }
        }
        return report
    }

    /// Reads every document; a bad one is reported in `skipped` and left out.
    private func load(_ files: [InputFile], skipped: inout [SkippedFile]) -> [Loaded] {
        var loaded: [Loaded] = []
        var outputs: [String: String] = [:]
        for input in files {
            do {
                let document = try input.kind.load(path: input.path, name: input.path, segmenter: segmenter)
                if let text = document as? TextDocument, text.blocks.isEmpty {
                    skipped.append(SkippedFile(file: input.path, reason: "\(input.path): no text to translate", isError: false))
                    continue
                }
                let languages = try resolveLanguages(document, file: input.path)
                if options.outputDirectory != nil {
                    let out = document.outputPath(for: input.relative)
                    if let other = outputs[out] {
                        throw PretranslationError.unwritable(file: input.path, reason: "its output \(out) would overwrite the output of \(other)")
                    }
                    outputs[out] = input.path
                }
                loaded.append(Loaded(input: input, document: document, languages: languages))
            } catch {
                skipped.append(SkippedFile(file: input.path, reason: "\(error)", isError: true))
            }
        }
        return loaded
    }

    /// Repetitions, decided in input order before any matching: the first occurrence of a
    /// source (with the same context and languages) is matched, later ones reuse its result.
    struct Repetitions {
        /// The distinct segments, in order of first occurrence.
        var unique: [(segment: DocumentSegment, languages: LanguagePair)] = []
        /// For each document and segment: the index of its distinct segment, and whether it repeats one.
        var indices: [[Int]] = []
        var isRepetition: [[Bool]] = []

        init(_ loaded: [Loaded]) {
            var first: [String: Int] = [:]
            for doc in loaded {
                var ids: [Int] = []
                var reps: [Bool] = []
                for segment in doc.document.segments {
                    // A different context may need another translation: not a repetition.
                    let key = "\(doc.languages.source.code)\u{1}\(doc.languages.target.code)\u{1}\(segment.context ?? "")\u{1}\(Pretranslator.normalized(segment.codedSource ?? segment.source))\u{1}\(segment.pluralSource.map(Pretranslator.normalized) ?? "")"
                    if let u = first[key] {
                        ids.append(u)
                        reps.append(true)
                    } else {
                        first[key] = unique.count
                        ids.append(unique.count)
                        reps.append(false)
                        unique.append((segment, doc.languages))
                    }
                }
                indices.append(ids)
                isRepetition.append(reps)
            }
        }
    }

    /// Counts one document's segments in their bands and decides what fills each.
    private func analyse(_ doc: Loaded, found: [Found], repeated: [Bool]) -> (FileAnalysis, [SegmentResult]) {
        var analysis = FileAnalysis(file: doc.input.path)
        analysis.sourceLanguage = doc.languages.source.code
        analysis.targetLanguage = doc.languages.target.code
        let forms = doc.document.pluralForms(target: doc.languages.target)
        var results: [SegmentResult] = []
        for (k, segment) in doc.document.segments.enumerated() {
            var result = found[k].result(plural: segment.pluralSource != nil, forms: forms)
            // A match that could not carry the source's inline codes is never exact.
            if segment.inlineCodes > 0, segment.codedSource == nil, let b = result.fill, b.score >= 100 { result.fill?.score = 99 }
            // Bands count the memory's score; a repaired fill keeps it beside the repaired one.
            let band = repeated[k] ? MatchBand.repetition : MatchBand(score: result.fill == nil ? nil : result.originalScore)
            var words = WordCounter.words(segment.source)
            var characters = WordCounter.characters(segment.source)
            if let plural = segment.pluralSource {
                words += WordCounter.words(plural)
                characters += WordCounter.characters(plural)
            }
            analysis.bands[band]!.add(words: words, characters: characters)
            analysis.glossaryTerms += result.terms.count
            if result.fill != nil && result.originalScore < options.minScore {
                result.fill = nil
                result.pluralFill = nil
            }
            if segment.isTranslated {
                analysis.alreadyTranslated += 1
            } else if result.fill != nil && segment.isFillable {
                analysis.filled += 1
                if result.fill?.originalScore != nil || result.pluralFill?.originalScore != nil { analysis.repaired += 1 }
            }
            results.append(result)
        }
        return (analysis, results)
    }

    /// What matching found for one distinct segment.
    struct Found: Sendable {
        var match: PretranslationMatch?
        /// The match for a PO plural entry's `msgid_plural`.
        var pluralMatch: PretranslationMatch?
        var terms: [SpottedTerm]

        /// The fill for a segment whose translation has `forms` plural forms (PO `nplurals`).
        /// One form (Korean) takes the better of the msgid and msgid_plural matches; several
        /// forms need both, the singular from msgid and the others from msgid_plural.
        func result(plural: Bool, forms: Int) -> SegmentResult {
            guard plural else { return SegmentResult(fill: match, terms: terms) }
            if forms <= 1 {
                let best = [match, pluralMatch].compactMap { $0 }.max { $0.score < $1.score }
                return SegmentResult(fill: best, terms: terms)
            }
            guard let match, let pluralMatch else { return SegmentResult(terms: terms) }
            return SegmentResult(fill: match, pluralFill: pluralMatch, terms: terms)
        }
    }

    /// A match for a segment without codes: a memory code becomes its native content where the
    /// new source has that text (`<b>` in a PO msgid), and is left out where it does not, so
    /// the fill never has markup its source lacks.
    static func withoutCodes(_ match: PretranslationMatch, for source: String) -> PretranslationMatch {
        var m = match
        let native = { (coded: String) -> String in
            var out = ""
            var dropped = false
            for piece in CodedText.decode(coded) {
                switch piece {
                case var .text(t):
                    // The space a left-out code stood between goes with it.
                    if dropped, out.isEmpty || out.hasSuffix(" "), t.hasPrefix(" ") { t.removeFirst() }
                    dropped = false
                    out += t
                case let .code(c):
                    if !c.native.isEmpty, source.contains(c.native) { out += c.native; dropped = false } else { dropped = true }
                }
            }
            if dropped, out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        m.source = native(m.source)
        m.target = native(m.target)
        return m
    }

    /// A match for a segment with inline codes: repaired with the codes when the memory entry has
    /// the same kinds of codes in the same order (else without them), then the source's codes put
    /// into the target (`TagTransfer`); a code that found no place sends the fill to review.
    static func withCodes(_ match: PretranslationMatch?, coded: String, plain: String, terms: [SpottedTerm], transfer: TagTransfer,
                          matcher: any MatchProvider, languages: LanguagePair,
                          fit: (PretranslationMatch?, String, [SpottedTerm]) throws -> PretranslationMatch?) throws -> PretranslationMatch? {
        guard var m = match else { return nil }
        let sameCodes = CodedText.codes(m.source).map(\.kind) == CodedText.codes(coded).map(\.kind)
        if !sameCodes {
            m.source = CodedText.plain(m.source)
            m.target = CodedText.plain(m.target)
        }
        guard var fitted = try fit(m, sameCodes ? coded : plain, terms) else { return nil }
        // Anchors: glossary terms, and what the memory has for the text inside each pair.
        var anchors = terms.map { TagTransfer.Anchor(source: $0.surface, translations: $0.translations) }
        for inner in Self.pairedTexts(coded) where inner.count > 1 {
            if let hit = try matcher.bestMatch(for: inner, context: nil, languages: languages, minScore: 100) {
                anchors.append(TagTransfer.Anchor(source: inner, translations: [CodedText.plain(hit.target)]))
            }
        }
        let placed = transfer.transfer(source: coded, memorySource: fitted.source, target: fitted.target, anchors: anchors)
        let exact = sameCodes && placed.unplaced == 0 && fitted.originalScore == nil && Self.shape(fitted.source) == Self.shape(coded)
        fitted.target = placed.target
        fitted.unplacedCodes = placed.unplaced
        if placed.unplaced > 0 { fitted.score = min(fitted.score, 99) }
        // The same text with the same codes in the same order: only their ids and native
        // content differ (`<g id="1">` for the memory's `<b>`), so the fill is exact.
        if exact { fitted.score = max(fitted.score, 100) }
        return fitted
    }

    /// Coded text with each code as its kind alone: the same for two texts that differ only in
    /// their codes' ids and native content.
    static func shape(_ coded: String) -> [String] {
        CodedText.decode(coded).map { piece in
            switch piece {
            case let .text(t): return t
            case let .code(c): return "\u{E101}" + String(c.kind.rawValue)
            }
        }
    }

    /// The text inside each code pair of `coded`, outermost first.
    static func pairedTexts(_ coded: String) -> [String] {
        var open: [(String, String)] = []
        var out: [String] = []
        for piece in CodedText.decode(coded) {
            switch piece {
            case let .text(t): for k in open.indices { open[k].1 += t }
            case let .code(c):
                if c.kind == .open { open.append((c.id, "")) }
                if c.kind == .close, let k = open.lastIndex(where: { $0.0 == c.id }) {
                    out.append(open[k].1.trimmingCharacters(in: .whitespaces))
                    open.remove(at: k)
                }
            }
        }
        return out
    }

    /// A memory match made to fit the new source: its accelerator (see `AcceleratorTransfer`).
    static func adapted(_ match: PretranslationMatch, to source: String) -> PretranslationMatch {
        var m = match
        m.target = AcceleratorTransfer.adapt(m.target, to: source)
        return m
    }

    /// The text repetitions are found by: NFC, white space collapsed (case and punctuation count).
    static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private func resolveLanguages(_ document: any PretranslatableDocument, file: String) throws -> LanguagePair {
        if let want = options.sourceLanguage, let has = document.declaredSource, !want.sameLanguage(as: has) {
            throw PretranslationError.languageMismatch(file: file, reason: "the file's source language is \(has.code), the run's is \(want.code)")
        }
        if let want = options.targetLanguage, let has = document.declaredTarget, !want.sameLanguage(as: has) {
            throw PretranslationError.languageMismatch(file: file, reason: "the file's target language is \(has.code), the run's is \(want.code)")
        }
        var guessKorean = false
        if let text = document as? TextDocument { guessKorean = text.mostlyHangul }
        let source = options.sourceLanguage ?? document.declaredSource ?? (guessKorean ? LanguageTag.korean : LanguageTag.english)
        let target = options.targetLanguage ?? document.declaredTarget
            ?? (source.sameLanguage(as: LanguageTag.korean) ? LanguageTag.english : LanguageTag.korean)
        return LanguagePair(source: source, target: target)
    }

    /// The best match (at or above 50) and the terms of each segment, in order, whatever the thread count.
    private func match(_ segments: [(segment: DocumentSegment, languages: LanguagePair)], spotter: any TermSpotter,
                       progress: (@Sendable (Int, Int) -> Void)?) throws -> [Found] {
        let slots = ResultSlots<Found>(count: segments.count)
        let total = segments.count
        let workers = min(options.threads, max(1, total))
        let lowest = min(MatchBand.lowestScore, options.minScore)
        let chunk = 8
        let makeMatcher = self.makeMatcher
        let segments = segments
        let repair = options.repair ? FuzzyRepair(segmenter: segmenter) : nil
        let transfer = TagTransfer(segmenter: segmenter)
        let minScore = options.minScore
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                let matcher = try makeMatcher()
                while let range = slots.claim(chunk) {
                    for i in range {
                        let (segment, languages) = segments[i]
                        let t = try spotter.terms(in: segment.source, languages: languages)
                        let fit = { (match: PretranslationMatch?, source: String, terms: [SpottedTerm]) throws -> PretranslationMatch? in
                            guard var m = match else { return nil }
                            // A word or phrase's own glossary translations, for the repair's word links.
                            let lookup = { (phrase: String) -> [String] in
                                let key = FuzzyRepair.letters(phrase)
                                return ((try? spotter.terms(in: phrase, languages: languages)) ?? [])
                                    .first { FuzzyRepair.letters($0.surface) == key }?.translations ?? []
                            }
                            if let repair, m.score >= minScore, m.score < 100,
                               let r = repair.repaired(m, for: source, sourceTerms: terms,
                                                       memoryTerms: try spotter.terms(in: CodedText.plain(m.source), languages: languages),
                                                       lookup: lookup) {
                                m = r
                            }
                            return Self.adapted(m, to: CodedText.plain(source))
                        }
                        let m: PretranslationMatch?
                        if let coded = segment.codedSource {
                            // With the codes (an entry that has them too) or without (the text alone), the better.
                            let tagged = try matcher.bestMatch(for: coded, context: segment.context, languages: languages, minScore: lowest)
                            let untagged = try matcher.bestMatch(for: segment.source, context: segment.context, languages: languages, minScore: lowest)
                            // An entry without the codes is never exact for a source with them.
                            let best = min(untagged?.score ?? -1, 99) > (tagged?.score ?? -1) ? untagged : tagged
                            m = try Self.withCodes(best,
                                                   coded: coded, plain: segment.source, terms: t, transfer: transfer, matcher: matcher,
                                                   languages: languages, fit: fit)
                        } else {
                            m = try fit(try matcher.bestMatch(for: segment.source, context: segment.context, languages: languages, minScore: lowest)
                                .map { Self.withoutCodes($0, for: segment.source) }, segment.source, t)
                        }
                        let p = try segment.pluralSource.flatMap { plural in
                            try fit(try matcher.bestMatch(for: plural, context: segment.context, languages: languages, minScore: lowest).map { Self.withoutCodes($0, for: plural) },
                                    plural, try spotter.terms(in: plural, languages: languages))
                        }
                        slots.set(i, Found(match: m, pluralMatch: p, terms: t))
                    }
                    progress?(slots.finish(range.count), total)
                }
            } catch {
                slots.fail(error)
            }
        }
        return try slots.values()
    }
}

/// Results written by index from several threads; work handed out in chunks.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]
    private var next = 0
    private var done = 0
    private var error: Error?

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// The next chunk of indices to work on, or nil when all are handed out (or a worker failed).
    func claim(_ size: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, next < storage.count else { return nil }
        let r = next..<min(next + size, storage.count)
        next = r.upperBound
        return r
    }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    /// Counts `n` finished items; returns how many are done.
    func finish(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += n
        return done
    }

    func fail(_ e: Error) {
        lock.lock()
        if error == nil { error = e }
        lock.unlock()
    }

    func values() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
        return storage.map { $0! }
    }
}

import Foundation
import Segmentation
import TMCore

/// One bead of a sentence alignment: consecutive source sentences matched with consecutive
/// target sentences (1-1, 1-2, 2-1, 1-3, 3-1, 1-0 or 0-1), with a confidence.
public struct SentenceBead: Sendable, Hashable {
    /// Indices into `SentenceAlignment.sourceSentences`.
    public var source: Range<Int>
    /// Indices into `SentenceAlignment.targetSentences`.
    public var target: Range<Int>
    /// The sentences of each side, joined by a space.
    public var sourceText: String
    public var targetText: String
    /// The posterior probability of the bead given both documents (paragraph bead times
    /// sentence bead), between 0 and 1.
    public var confidence: Double

    /// `1-1`, `1-2`, `2-1`, `1-3`, `3-1`, `1-0` or `0-1`.
    public var kind: String { "\(source.count)-\(target.count)" }

    /// Whether both sides have text (a bead that can become a translation unit).
    public var isPair: Bool { !source.isEmpty && !target.isEmpty }
}

/// The result of aligning a document pair.
public struct SentenceAlignment: Sendable {
    public var beads: [SentenceBead]
    public var sourceSentences: [String]
    public var targetSentences: [String]
    /// The length model used in the final pass (ratio and variance estimated from the input).
    public var lengthModel: LengthModel
}

/// Aligns a document and its translation: paragraphs first, then the sentences inside each
/// pair of aligned paragraphs, by Gale and Church's length model on characters (its ratio
/// and variance estimated from the pair) and lexical anchors (see `AnchorKind`).
///
/// ```swift
/// let aligner = SentenceAligner()
/// let result = try aligner.align(
///     source: AlignmentDocument(name: "a.md", language: .english, text: en, format: .markdown),
///     target: AlignmentDocument(name: "b.md", language: .korean, text: ko, format: .markdown))
/// for bead in result.beads where bead.isPair && bead.confidence >= 0.5 { ... }
/// ```
public struct SentenceAligner: Sendable {
    public struct Options: Sendable {
        /// Use lexical anchors (numbers, Latin words, names, glossary, punctuation); false
        /// leaves the length model alone (Gale and Church's original method).
        public var useAnchors = true
        /// Align paragraphs first; false aligns all sentences in one pass.
        public var useParagraphs = true
        /// Re-estimate the length ratio from the first pass's 1-1 beads, and the bead priors
        /// from its bead shapes (paragraph and sentence beads apart), and align again. (The first pass takes the ratio of the
        /// documents' total lengths, which untranslated paragraphs skew, and Gale and Church's
        /// priors, which expect few untranslated sentences.)
        public var refine = true
        /// Glossary term pairs used as anchors.
        public var glossary: [GlossaryPair] = []
        /// Check that each document is written in the script of its language.
        public var checkLanguages = true

        public init() {}
    }

    public var segmenter: Segmenter
    public var options: Options

    public init(segmenter: Segmenter = Segmenter(), options: Options = Options()) {
        self.segmenter = segmenter
        self.options = options
    }

    /// Aligns `source` with `target`. Throws `SentenceAlignmentError` for an empty document,
    /// a document without sentences, or a document that is not in its language's script.
    public func align(source: AlignmentDocument, target: AlignmentDocument) throws -> SentenceAlignment {
        try Self.checkContent(source)
        try Self.checkContent(target)
        if options.checkLanguages { try Self.checkLanguages(source: source, target: target) }

        // Sentences per paragraph.
        let sourceParagraphs = source.paragraphs.map { p in segmenter.sentences(in: p.text).map(String.init) }
        let targetParagraphs = target.paragraphs.map { p in segmenter.sentences(in: p.text).map(String.init) }
        let sourceSentences = sourceParagraphs.flatMap { $0 }
        let targetSentences = targetParagraphs.flatMap { $0 }

        // Anchors.
        let extractor = AnchorExtractor(segmenter: segmenter, glossary: options.glossary,
                                        sourceLanguage: source.language, targetLanguage: target.language)
        var sourceKeys = options.useAnchors ? extractor.keys(of: sourceSentences, language: source.language, side: .source) : []
        var targetKeys = options.useAnchors ? extractor.keys(of: targetSentences, language: target.language, side: .target) : []
        if !options.useAnchors {
            sourceKeys = Array(repeating: [:], count: sourceSentences.count)
            targetKeys = Array(repeating: [:], count: targetSentences.count)
        }
        var interner = AnchorInterner(sourceKeys: sourceKeys, targetKeys: targetKeys)
        let sourceRoles = source.paragraphs.map { Self.roleKey($0.role) }
        let targetRoles = target.paragraphs.map { Self.roleKey($0.role) }
        if options.useAnchors { interner.addRoles(sourceRoles, targetRoles) }
        let table = interner.table

        let sourceUnits = zip(sourceSentences, sourceKeys).map { s, k in
            AlignUnit(length: Self.length(s), anchors: table.vector(interner.ids(k)))
        }
        let targetUnits = zip(targetSentences, targetKeys).map { s, k in
            AlignUnit(length: Self.length(s), anchors: table.vector(interner.ids(k)))
        }

        let structure = Structure(
            sourceParagraphs: options.useParagraphs ? sourceParagraphs.map(\.count) : [sourceSentences.count],
            targetParagraphs: options.useParagraphs ? targetParagraphs.map(\.count) : [targetSentences.count],
            sourceRoles: options.useParagraphs ? sourceRoles.map { interner.roleID($0) } : [nil],
            targetRoles: options.useParagraphs ? targetRoles.map { interner.roleID($0) } : [nil])

        let typical = LengthModel.typicalRatio(source: source.language.language, target: target.language.language)
        var model = LengthModel.estimated(sourceLength: sourceUnits.reduce(0) { $0 + $1.length },
                                          targetLength: targetUnits.reduce(0) { $0 + $1.length },
                                          count: min(sourceUnits.count, targetUnits.count), typical: typical)
        let first = alignUnits(sourceUnits, targetUnits, structure: structure, model: model, table: table,
                               posteriors: !options.refine)
        var unitBeads = first.sentences
        if options.refine {
            let pairs = unitBeads.filter { $0.source.count == 1 && $0.target.count == 1 }
                .map { (sourceUnits[$0.source.lowerBound].length, targetUnits[$0.target.lowerBound].length) }
            model = LengthModel.fitted(pairs, fallback: model, typical: typical)
            // Priors from the first pass: sentence beads inside paragraph beads that pair
            // paragraphs, and paragraph beads.
            let inPairs = unitBeads.filter { !($0.source.isEmpty && $0.target.isEmpty) }
            unitBeads = alignUnits(sourceUnits, targetUnits, structure: structure, model: model, table: table, posteriors: true,
                                   priors: BeadShape.estimatedPriors(Self.withinParagraphPairs(inPairs, first.paragraphs, structure)),
                                   paragraphPriors: BeadShape.estimatedPriors(first.paragraphs)).sentences
        }
        let beads = unitBeads.map { b in
            SentenceBead(source: b.source, target: b.target,
                         sourceText: sourceSentences[b.source].joined(separator: " "),
                         targetText: targetSentences[b.target].joined(separator: " "),
                         confidence: b.posterior)
        }
        return SentenceAlignment(beads: beads, sourceSentences: sourceSentences, targetSentences: targetSentences, lengthModel: model)
    }

    /// Paragraph boundaries and roles, as the aligner sees them.
    struct Structure {
        var sourceParagraphs: [Int]
        var targetParagraphs: [Int]
        var sourceRoles: [Int32?]
        var targetRoles: [Int32?]
    }

    /// Paragraphs first, then the sentences of each paragraph bead.
    /// Sentence beads, and the paragraph beads they were found in (none without paragraphs).
    /// `priors` are for sentence beads, `paragraphPriors` for paragraph beads.
    func alignUnits(_ source: [AlignUnit], _ target: [AlignUnit], structure: Structure, model: LengthModel, table: AnchorTable,
                    posteriors: Bool, priors: [Double] = BeadShape.galeChurchPriors,
                    paragraphPriors: [Double] = BeadShape.galeChurchPriors) -> (sentences: [UnitBead], paragraphs: [UnitBead]) {
        let aligner = BeadAligner(model: model, priorCosts: priors.map { -log($0) }, table: table, useAnchors: options.useAnchors,
                                  posteriors: posteriors)
        let sourceStarts = Self.starts(structure.sourceParagraphs)
        let targetStarts = Self.starts(structure.targetParagraphs)
        if structure.sourceParagraphs.count == 1 && structure.targetParagraphs.count == 1 {
            return (aligner.align(source, target), [])
        }
        let sourceBlocks = Self.paragraphUnits(source, starts: sourceStarts, counts: structure.sourceParagraphs, roles: structure.sourceRoles, table: table)
        let targetBlocks = Self.paragraphUnits(target, starts: targetStarts, counts: structure.targetParagraphs, roles: structure.targetRoles, table: table)
        var paragraphAligner = aligner
        paragraphAligner.priorCosts = paragraphPriors.map { -log($0) }
        let paragraphBeads = paragraphAligner.align(sourceBlocks, targetBlocks)
        var result: [UnitBead] = []
        for pb in paragraphBeads {
            let s0 = pb.source.isEmpty ? (pb.source.lowerBound < sourceStarts.count ? sourceStarts[pb.source.lowerBound] : source.count) : sourceStarts[pb.source.lowerBound]
            let s1 = pb.source.isEmpty ? s0 : sourceStarts[pb.source.upperBound - 1] + structure.sourceParagraphs[pb.source.upperBound - 1]
            let t0 = pb.target.isEmpty ? (pb.target.lowerBound < targetStarts.count ? targetStarts[pb.target.lowerBound] : target.count) : targetStarts[pb.target.lowerBound]
            let t1 = pb.target.isEmpty ? t0 : targetStarts[pb.target.upperBound - 1] + structure.targetParagraphs[pb.target.upperBound - 1]
            let inner = aligner.align(Array(source[s0..<s1]), Array(target[t0..<t1]))
            for b in inner {
                result.append(UnitBead(source: (b.source.lowerBound + s0)..<(b.source.upperBound + s0),
                                       target: (b.target.lowerBound + t0)..<(b.target.upperBound + t0),
                                       posterior: b.posterior * pb.posterior))
            }
        }
        return (result, paragraphBeads)
    }

    /// The sentence beads that lie in paragraph beads pairing paragraphs on both sides (the
    /// others are 1-0 or 0-1 because their whole paragraph is).
    static func withinParagraphPairs(_ beads: [UnitBead], _ paragraphs: [UnitBead], _ structure: Structure) -> [UnitBead] {
        guard !paragraphs.isEmpty else { return beads }
        let sourceStarts = starts(structure.sourceParagraphs)
        var deletedSource = [Bool](repeating: false, count: structure.sourceParagraphs.reduce(0, +))
        var deletedTarget = [Bool](repeating: false, count: structure.targetParagraphs.reduce(0, +))
        let targetStarts = starts(structure.targetParagraphs)
        for p in paragraphs where p.source.isEmpty || p.target.isEmpty {
            for k in p.source { for i in sourceStarts[k]..<(sourceStarts[k] + structure.sourceParagraphs[k]) { deletedSource[i] = true } }
            for k in p.target { for j in targetStarts[k]..<(targetStarts[k] + structure.targetParagraphs[k]) { deletedTarget[j] = true } }
        }
        return beads.filter { b in
            !(b.source.contains { deletedSource[$0] } || b.target.contains { deletedTarget[$0] })
        }
    }

    static func starts(_ counts: [Int]) -> [Int] {
        var starts: [Int] = []
        var total = 0
        for c in counts { starts.append(total); total += c }
        return starts
    }

    /// Paragraph units: summed lengths, the union of the sentences' anchors plus the role.
    static func paragraphUnits(_ units: [AlignUnit], starts: [Int], counts: [Int], roles: [Int32?], table: AnchorTable) -> [AlignUnit] {
        zip(starts, counts).enumerated().map { index, sc in
            let slice = units[sc.0..<(sc.0 + sc.1)]
            var ids = Set<Int32>()
            for u in slice { ids.formUnion(u.anchors.ids) }
            if let role = roles[index] { ids.insert(role) }
            return AlignUnit(length: slice.reduce(0) { $0 + $1.length }, anchors: table.vector(ids.sorted()))
        }
    }

    static func roleKey(_ role: DocumentParagraph.Role) -> String? {
        switch role {
        case .paragraph: return nil
        case .heading: return "r:heading"
        case .listItem: return "r:item"
        case .code: return "r:code"
        }
    }

    /// The length of a sentence for the length model: its characters other than white space.
    static func length(_ s: String) -> Double {
        var n = 0
        for scalar in s.unicodeScalars where !TextLines.isSpace(scalar) { n += 1 }
        return Double(n)
    }

    static func checkContent(_ document: AlignmentDocument) throws {
        if document.paragraphs.isEmpty { throw SentenceAlignmentError.emptyDocument(file: document.name) }
        let hasText = document.paragraphs.contains { p in
            p.text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
        if !hasText { throw SentenceAlignmentError.noSentences(file: document.name) }
    }

    /// Each document must be mostly in its language's script; the source is checked first,
    /// so a swapped pair is reported against the source.
    static func checkLanguages(source: AlignmentDocument, target: AlignmentDocument) throws {
        let sourceScript = ScriptProfile.script(of: source.language)
        let targetScript = ScriptProfile.script(of: target.language)
        for (document, role, expected, other) in [(source, "source", sourceScript, targetScript), (target, "target", targetScript, sourceScript)] {
            guard let expected else { continue }
            let profile = ScriptProfile(document.paragraphs.lazy.map(\.text))
            guard profile.total > 0 else { continue }
            let foundScript = profile.dominant ?? expected
            let language = "\(document.language) (\(ScriptProfile.name(of: expected)))"
            if expected == .latin {
                // A Latin-script document may quote the other script, but not be mostly in it.
                if let other, other != .latin, profile.share(other) >= 0.3 {
                    throw SentenceAlignmentError.wrongLanguage(file: document.name, role: role, expected: language,
                                                               found: ScriptProfile.name(of: other), share: profile.share(other))
                }
            } else if profile.share(expected) < 0.2 {
                throw SentenceAlignmentError.wrongLanguage(file: document.name, role: role, expected: language,
                                                           found: ScriptProfile.name(of: foundScript), share: profile.share(foundScript))
            }
        }
    }
}

/// Interns anchor keys that occur in both documents and weighs them by rarity.
struct AnchorInterner {
    private var idOf: [String: Int32] = [:]
    private(set) var table = AnchorTable()

    init(sourceKeys: [[String: AnchorKind]], targetKeys: [[String: AnchorKind]]) {
        var sourceDF: [String: Int] = [:], targetDF: [String: Int] = [:]
        var kinds: [String: AnchorKind] = [:]
        for keys in sourceKeys { for (k, kind) in keys { sourceDF[k, default: 0] += 1; kinds[k] = kind } }
        for keys in targetKeys { for (k, _) in keys { targetDF[k, default: 0] += 1 } }
        let n = Double(max(sourceKeys.count, targetKeys.count, 1))
        for (key, sdf) in sourceDF.sorted(by: { $0.key < $1.key }) {
            guard let tdf = targetDF[key], let kind = kinds[key] else { continue }
            let df = Double(max(sdf, tdf))
            // 1 for a key in one sentence, falling towards 0.2 for a key in every sentence.
            let rarity = n <= 1 ? 1 : min(1, max(0.2, log((n + 1) / df) / log(n + 1)))
            add(key, kind: kind, rarity: rarity)
        }
    }

    private mutating func add(_ key: String, kind: AnchorKind, rarity: Double) {
        idOf[key] = Int32(table.gain.count)
        table.gain.append((kind.match + 2 * kind.miss) * rarity)
        table.miss.append(kind.miss * rarity)
    }

    mutating func addRoles(_ source: [String?], _ target: [String?]) {
        let s = Set(source.compactMap { $0 }), t = Set(target.compactMap { $0 })
        for key in s.intersection(t).sorted() { add(key, kind: .role, rarity: 1) }
    }

    func roleID(_ key: String?) -> Int32? { key.flatMap { idOf[$0] } }

    func ids(_ keys: [String: AnchorKind]) -> [Int32] {
        keys.keys.compactMap { idOf[$0] }.sorted()
    }
}

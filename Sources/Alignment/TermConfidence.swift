import Foundation

/// The evidence for one candidate translation of a source term, as the ranking sees it.
struct TermEvidence: Sendable {
    var sourceWords = 1
    var targetWords = 1
    /// Occurrences of the source term, of the term linked to this target, and of the target.
    var sourceCount = 0.0
    var linkCount = 0.0
    var targetCount = 0.0
    /// Mean best translation probability of the target words given the source words, and back.
    var lexicalForward = 0.0
    var lexicalBackward = 0.0
    /// Mean share of the source words linked into the span.
    var coverage = 0.0
    /// Mean IBM-1 link posteriors into the span (target words from the term) and back.
    var posteriorForward = 0.0
    var posteriorBackward = 0.0
    /// Share of the occurrences whose target ends in a verb ending (a predicate, not a noun).
    var verbal = 0.0
    /// Both directions: this term's share of the links into the target among source terms of
    /// its length, and whether it has the most of them.
    var reverseShare = 0.0
    var reverseBest = false
    /// Candidate translations the term has.
    var candidates = 1
    /// Whether the spans break the alignment's consistency (a fallback candidate).
    var loose = false
    /// Share of the term's linked occurrences that chose this target.
    var share = 0.0
    /// This target's links against the strongest other candidate's: c / (c + other).
    var lead = 0.0
    /// Into Korean, a target with no Hangul (a kept foreign word at best).
    var noHangul = false
    /// Single words that sound alike (names, loanwords): similarity 0...1, and whether it is
    /// high enough to count.
    var sound = 0.0
    var transliteration = false
    /// How far the sound is below the best-sounding candidate of the same term (0 for the best).
    var soundGap = 0.0
    /// The corpus was too small for the HMM (a few titles), and the share of occurrences
    /// settled by elimination there (`ForcedLinks`).
    var tiny = false
    /// In a tiny corpus, a Korean derived noun and an English word derived alike (`장기화` ~ `prolonged`).
    var derivedAlike = false
    var forcedShare = 0.0
    /// For a term ending in a word: whether the target's last word is that word's best
    /// translation (highest p(target | source)), and whether the term's last word is the best
    /// source of it (highest p(source | target)). Korean is head-final; English terms end in
    /// their head too.
    var headBestForward = false
    var headBestBackward = false
    /// Against the term's other candidates (`TermExtractor.relate`): this Korean target is another
    /// candidate plus a particle (`폴더를` beside `폴더`), or another candidate is this one plus a
    /// particle; the strongest candidate inside this span and around it, as c / (c + this).
    var particleVariant = false
    var hasParticleVariant = false
    var containsRatio = 0.0
    var insideRatio = 0.0
    /// Whether this candidate has the term's best lexical and best posterior evidence.
    var lexicalBest = false
    var posteriorBest = false

    var dice: Double { 2 * linkCount / (sourceCount + max(targetCount, linkCount)) }
    var lexical: Double { (lexicalForward * lexicalBackward).squareRoot() }

    /// The hand-set ranking of earlier versions: translation rate, association and lexical
    /// probabilities, discounted for loose spans, long targets, unlinked source words and
    /// targets without Hangul. Kept as one of the signals.
    var heuristic: Double {
        var score = (linkCount / sourceCount + 0.5 * dice + lexical) / 2.5
        if loose { score *= 0.5 }
        score *= pow(0.9, Double(max(0, targetWords - sourceWords)))
        score *= 0.6 + 0.4 * coverage
        if noHangul { score *= 0.2 }
        return score
    }

    static let featureNames = ["rate", "dice", "lexF", "lexB", "lex", "logSource", "logLink", "coverage", "longer", "shorter",
                               "loose", "noHangul", "share", "lead", "translit", "oneWord", "threeWords", "heuristic", "single",
                               "targetOne", "postF", "postB", "post", "revShare", "revBest", "logCandidates", "verbal",
                               "headBestF", "headBestB", "mutual",
                               "sound", "soundGap", "particleVariant", "hasParticleVariant", "containsRatio", "insideRatio",
                               "lexBest", "postBest"]

    /// The signals `TermConfidence` weighs, in `featureNames` order.
    var features: [Double] {
        [linkCount / sourceCount, dice, lexicalForward, lexicalBackward, lexical, log1p(sourceCount), log1p(linkCount), coverage,
         Double(max(0, targetWords - sourceWords)), Double(max(0, sourceWords - targetWords)), loose ? 1 : 0, noHangul ? 1 : 0,
         share, lead, transliteration ? 1 : 0, sourceWords == 1 ? 1 : 0, sourceWords >= 3 ? 1 : 0, heuristic, linkCount <= 1 ? 1 : 0,
         targetWords == 1 ? 1 : 0, posteriorForward, posteriorBackward, (posteriorForward * posteriorBackward).squareRoot(),
         reverseShare, reverseBest ? 1 : 0, log(Double(candidates)), verbal, headBestForward ? 1 : 0, headBestBackward ? 1 : 0,
         headBestForward && headBestBackward ? 1 : 0,
         sound, soundGap, particleVariant ? 1 : 0, hasParticleVariant ? 1 : 0, containsRatio, insideRatio, lexicalBest ? 1 : 0,
         posteriorBest ? 1 : 0]
    }
}

/// How likely a candidate translation is to be right, in two steps fitted on the tuning packages
/// of the UI corpus (Benchmarks/glossary_vs_eflomal.py `--fit-confidence`): a linear ranking of a
/// term's candidates over `TermEvidence`, then a calibration of the best candidate, so that a
/// term whose first translation scores 0.9 is right about 9 times in 10 there.
///
/// Each table has one row of weights for all terms, or three: for terms of one, two, and three
/// or more words.
enum TermConfidence {
    /// The ranking: intercept, then one weight per feature (`TermEvidence.featureNames`).
    static let weights: [[Double]] = [[
        -3.1865, -0.1443, 0.4138, 0.3531, -0.2214, -0.1149, -0.4426, 0.5755, 0.7431, -0.7873, -0.9512, 0.0000, -0.9182, 1.0362,
        1.4345, -0.0782, 0.1731, 0.1791, 0.4939, -0.4108, -0.6689, 0.3604, 0.3450, 0.3642, 0.4253, -0.0187, -0.1454, -0.1239,
        0.4746, 0.5790, -0.3409,
    ]]

    /// The calibration of a term's best candidate: intercept, one weight per feature, then the
    /// weights of its ranking logit, of the logit's lead over the runner-up (capped at 8) and of
    /// having no runner-up. Fitted on the best candidates of the tuning terms only, so the score
    /// printed for a term's first translation is the share of such entries that are right.
    static let calibration: [[Double]] = []

    /// The row of `table` for a term of `words` words (none when the table is empty).
    static func row(_ table: [[Double]], words: Int) -> [Double] {
        guard !table.isEmpty else { return [] }
        return table.count == 1 ? table[0] : table[min(max(words, 1), table.count) - 1]
    }

    /// The ranking logit of one candidate (higher ranks first).
    static func logit(_ e: TermEvidence) -> Double {
        let w = row(override ?? weights, words: e.sourceWords)
        guard !w.isEmpty else { return e.heuristic }
        var z = w[0]
        for (k, x) in e.features.enumerated() where k + 1 < w.count { z += w[k + 1] * x }
        return z
    }

    /// Rank keys and scores of all the candidates of one term. The best candidate's score comes
    /// from `calibration` (when set); the others share what is left in proportion to their
    /// softmax weights, always below the best one's (lists sorted by score keep the rank order).
    static func scores(_ evidence: [TermEvidence]) -> (rank: [Double], score: [Double]) {
        guard let first = evidence.first else { return ([], []) }
        if first.tiny { let p = evidence.map(tinyProbability); return (p, p) }
        if row(override ?? weights, words: first.sourceWords).isEmpty { let h = evidence.map(\.heuristic); return (h, h) }
        let z = evidence.map(logit)
        let c = row(calibrationOverride ?? calibration, words: first.sourceWords)
        guard !c.isEmpty else { return (z, z.map { 1 / (1 + exp(-$0)) }) }
        var top = 0
        for k in z.indices where z[k] > z[top] { top = k }
        var second = -Double.infinity
        for k in z.indices where k != top { second = max(second, z[k]) }
        let x = evidence[top].features + [z[top], evidence.count > 1 ? min(z[top] - second, 8) : 8, evidence.count > 1 ? 0 : 1]
        var y = c[0]
        for (k, v) in x.enumerated() where k + 1 < c.count { y += c[k + 1] * v }
        let pTop = 1 / (1 + exp(-y))
        let weight = z.map { exp($0 - z[top]) }
        let rest = weight.reduce(0, +) - 1
        let score = z.indices.map { k in k == top ? pTop : (rest > 0 ? max(0, min(pTop - 0.001, (1 - pTop) * weight[k] / rest)) : 0) }
        return (z, score)
    }

    /// A few titles carry no statistics to fit: a translation is sure when its words sound
    /// alike, when the two always occur together (twice or more), or when elimination settles
    /// it; fairly sure when both words are derived alike (`장기화` ~ `prolonged`); anything else
    /// is a guess from position, kept as a low-score candidate.
    static func tinyProbability(_ e: TermEvidence) -> Double {
        var p = 0.3 + 0.6 * e.forcedShare
        if e.linkCount >= 2, e.linkCount == e.sourceCount, e.linkCount == e.targetCount { p = max(p, 0.9) }
        if e.transliteration, e.soundGap < 0.15 { p = max(p, 0.75 + 0.2 * e.sound) }
        if e.derivedAlike { p = max(p, 0.8) }
        return p
    }

    /// Ranking weights from `TMKIT_CONFIDENCE` (comma-separated, rows split by `;`; `heuristic`
    /// for the hand-set ranking), for fitting runs.
    static let override: [[Double]]? = table(ProcessInfo.processInfo.environment["TMKIT_CONFIDENCE"])

    /// Calibration weights from `TMKIT_CALIBRATION` (the same layout; empty for none), for fitting runs.
    static let calibrationOverride: [[Double]]? = table(ProcessInfo.processInfo.environment["TMKIT_CALIBRATION"])

    static func table(_ text: String?) -> [[Double]]? {
        guard let text else { return nil }
        var rows: [[Double]] = []
        for line in text.split(separator: ";") {
            let row: [Double] = line.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if !row.isEmpty { rows.append(row) }
        }
        return rows
    }
}

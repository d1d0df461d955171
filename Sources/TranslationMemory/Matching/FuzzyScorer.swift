import Segmentation
import TMCore

/// Scores an entry's side against a query, 0-100, the way translators expect from CAT tools.
///
/// The base score is a weighted word-level edit distance over match keys:
/// `100 × (1 − distance / max(weight(query), weight(entry)))`. Words, numbers and
/// placeholders weigh 1, symbols 0.5, inline codes (`CodedText`: `<g>`, `<bpt>`, `<ph/>`) 0.4,
/// Korean particles and endings 0.3 (so `안보는` against `안보를` costs 0.3 of a word, and
/// `Click <g>here</g>` against `Click here` less than one word). Two or three adjacent Hangul tokens whose keys join to one
/// token on the other side (`바탕 화면` / `바탕화면`) align at a cost of 0.1.
/// One word of ten replaced or deleted scores 90; one inserted into ten scores 91.
///
/// Short UI strings are not punished for what does not change their meaning: an English
/// article inserted or dropped costs 0.3 of a word (`Empty the trash` / `Empty Trash` 90,
/// while `Open the trash` scores 67), and a number that differs only in value costs 0.25
/// (`Download 6 files` / `Download 5 files` 91; pre-translation repairs the number). The
/// weights of the texts (the denominator) are unchanged, so long sentences score as before.
///
/// Then, for anything but an identical text (which alone scores 100; texts that differ only
/// in a keyboard accelerator, `I_mport` / `Import`, count as identical: see `Accelerator`):
/// - the score is at most 99 (identical keys that differ only in case, width or spacing score 99);
/// - punctuation that differs costs 1;
/// - numbers that differ cost 1 more than the word edit (the translation must change);
/// - placeholders or inline tags that differ cost 1 more likewise.
struct FuzzyScorer {
    let query: AnalyzedSide
    let queryText: String
    /// The query without its accelerator.
    private let queryBare: String
    private let q: [StoredToken]
    private var ids: [String: Int32] = [:]
    private let qIDs: [Int32]
    private let qCat2: [Int32]
    private let qCat3: [Int32]
    private let qWeights: [Float]
    /// What inserting or deleting each query token costs (its weight, less for articles).
    private let qCosts: [Float]
    private let qClass: [UInt8]
    let queryWeight: Float
    private let qNumbers: [String]
    private let qPlaceholders: [String]
    private let qPunctuation: [String]

    init(query: AnalyzedSide, text: String) {
        self.query = query
        self.queryText = text
        queryBare = Accelerator.removed(from: text)
        let q = query.matchTokens
        self.q = q
        var ids: [String: Int32] = [:]
        func id(_ key: String) -> Int32 {
            if let i = ids[key] { return i }
            let i = Int32(ids.count)
            ids[key] = i
            return i
        }
        qIDs = q.map { id($0.key) }
        var cat2 = [Int32](repeating: -1, count: q.count)
        var cat3 = [Int32](repeating: -1, count: q.count)
        for i in q.indices {
            if i >= 1 && Self.isHangul(q[i - 1]) && Self.isHangul(q[i]) {
                cat2[i] = id(q[i - 1].key + q[i].key)
                if i >= 2 && Self.isHangul(q[i - 2]) { cat3[i] = id(q[i - 2].key + q[i - 1].key + q[i].key) }
            }
        }
        qCat2 = cat2
        qCat3 = cat3
        self.ids = ids
        qWeights = q.map(Self.weight)
        qClass = q.map(Self.editClass)
        qCosts = q.map(Self.editCost)
        queryWeight = qWeights.reduce(0, +)
        qNumbers = q.filter { $0.kind == .number }.map(\.key).sorted()
        qPlaceholders = q.filter { $0.kind == .placeholder }.map(\.key).sorted()
        qPunctuation = query.tokens.filter { $0.kind == .punctuation }.map(\.key)
    }

    /// An inline code's weight: less than a content word, since it carries no meaning of its own.
    static let codeWeight: Float = 0.4

    /// A token's weight: by its kind, an inline code (a placeholder keyed `U+E101` kind) less.
    static func weight(_ t: StoredToken) -> Float {
        t.kind == .placeholder && t.key.unicodeScalars.first == "\u{E101}" ? codeWeight : weight(t.kind)
    }

    static func weight(_ kind: TokenKind) -> Float {
        switch kind {
        case .word, .number, .placeholder: return 1
        case .symbol: return 0.5
        case .particle, .ending: return 0.3
        case .punctuation: return 0
        }
    }

    static let articles: Set<String> = ["the", "a", "an"]

    /// 1 for an English article, 2 for a number, 0 otherwise.
    static func editClass(_ t: StoredToken) -> UInt8 {
        if t.kind == .number { return 2 }
        if t.kind == .word, articles.contains(t.key) { return 1 }
        return 0
    }

    static func editCost(_ t: StoredToken) -> Float {
        editClass(t) == 1 ? articleCost : weight(t)
    }

    static let articleCost: Float = 0.3
    static let numberValueCost: Float = 0.25

    /// The cost of aligning query token `i` with entry token `j` when their keys differ.
    @inline(__always)
    static func substitution(_ qc: UInt8, _ ec: UInt8, _ qw: Float, _ ew: Float) -> Float {
        if qc == ec && qc != 0 { return qc == 1 ? articleCost : numberValueCost }
        return max(qw, ew)
    }

    @inline(__always)
    static func isHangul(_ t: StoredToken) -> Bool {
        guard let f = t.key.unicodeScalars.first else { return false }
        return f.value >= 0xAC00 && f.value <= 0xD7A3
    }

    /// The score of an entry side with text `text`; `alignment` receives the edit script when asked.
    func score(_ side: AnalyzedSide, text: String) -> Int {
        score(side, text: text, alignment: nil)
    }

    /// One step of the alignment between query tokens and entry tokens.
    enum Step: Equatable {
        case same(Int, Int), substitute(Int, Int), queryOnly(Int), entryOnly(Int)
        /// Query tokens `q` ..< `q + qn` align with entry tokens `e` ..< `e + en` (spacing variant).
        case joined(q: Int, qn: Int, e: Int, en: Int)
    }

    func score(_ side: AnalyzedSide, text: String, alignment: UnsafeMutablePointer<[Step]>?) -> Int {
        if text == queryText || Accelerator.removed(from: text) == queryBare { alignment?.pointee = identity(side); return 100 }
        let e = side.matchTokens
        let m = q.count, n = e.count
        var eIDs = [Int32](repeating: -1, count: n)
        var eCat2 = [Int32](repeating: -2, count: n)
        var eCat3 = [Int32](repeating: -3, count: n)
        var eWeights = [Float](repeating: 0, count: n)
        var eCosts = [Float](repeating: 0, count: n)
        var eClass = [UInt8](repeating: 0, count: n)
        var entryWeight: Float = 0
        for j in 0..<n {
            eIDs[j] = ids[e[j].key] ?? Int32(-10 - j)
            eWeights[j] = Self.weight(e[j])
            eClass[j] = Self.editClass(e[j])
            eCosts[j] = Self.editCost(e[j])
            entryWeight += eWeights[j]
            if j >= 1, Self.isHangul(e[j - 1]), Self.isHangul(e[j]) {
                eCat2[j] = ids[e[j - 1].key + e[j].key] ?? -2
                if j >= 2, Self.isHangul(e[j - 2]) { eCat3[j] = ids[e[j - 2].key + e[j - 1].key + e[j].key] ?? -3 }
            }
        }
        let total = max(queryWeight, entryWeight)
        guard total > 0 else { return text == queryText ? 100 : 0 }
        let w = n + 1
        var d = [Float](repeating: 0, count: (m + 1) * w)
        for j in 1...max(n, 1) where j <= n { d[j] = d[j - 1] + eCosts[j - 1] }
        let joinCost: Float = 0.1
        for i in 1...max(m, 1) where i <= m {
            d[i * w] = d[(i - 1) * w] + qCosts[i - 1]
            for j in 1...max(n, 1) where j <= n {
                let qi = i - 1, ej = j - 1
                var best = d[(i - 1) * w + j] + qCosts[qi]
                best = min(best, d[i * w + j - 1] + eCosts[ej])
                let sub: Float = qIDs[qi] == eIDs[ej] ? 0 : Self.substitution(qClass[qi], eClass[ej], qWeights[qi], eWeights[ej])
                best = min(best, d[(i - 1) * w + j - 1] + sub)
                if qCat2[qi] >= 0 && qCat2[qi] == eIDs[ej] { best = min(best, d[(i - 2) * w + j - 1] + joinCost) }
                if qCat3[qi] >= 0 && qCat3[qi] == eIDs[ej] { best = min(best, d[(i - 3) * w + j - 1] + joinCost) }
                if eCat2[ej] >= 0 && eCat2[ej] == qIDs[qi] { best = min(best, d[(i - 1) * w + j - 2] + joinCost) }
                if eCat3[ej] >= 0 && eCat3[ej] == qIDs[qi] { best = min(best, d[(i - 1) * w + j - 3] + joinCost) }
                d[i * w + j] = best
            }
        }
        let distance = d[m * w + n]
        if let alignment {
            alignment.pointee = traceback(d, w: w, m: m, n: n, eIDs: eIDs, eCat2: eCat2, eCat3: eCat3, eWeights: eWeights, eCosts: eCosts, eClass: eClass)
        }
        let base = Double(100 * (1 - distance / total))
        var score = min(99, Int(base.rounded()))
        let punctuation = side.tokens.filter { $0.kind == .punctuation }.map(\.key)
        if punctuation != qPunctuation { score -= 1 }
        let numbers = e.filter { $0.kind == .number }.map(\.key).sorted()
        if numbers != qNumbers { score -= 1 }
        let placeholders = e.filter { $0.kind == .placeholder }.map(\.key).sorted()
        if placeholders != qPlaceholders { score -= 1 }
        return max(0, score)
    }

    private func identity(_ side: AnalyzedSide) -> [Step] {
        let n = min(q.count, side.matchTokens.count)
        return (0..<n).map { .same($0, $0) }
    }

    private func traceback(
        _ d: [Float], w: Int, m: Int, n: Int, eIDs: [Int32], eCat2: [Int32], eCat3: [Int32], eWeights: [Float],
        eCosts: [Float], eClass: [UInt8]
    ) -> [Step] {
        var steps: [Step] = []
        var i = m, j = n
        let eps: Float = 1e-4
        while i > 0 || j > 0 {
            let here = d[i * w + j]
            if i > 0 && j > 0 {
                let qi = i - 1, ej = j - 1
                let same = qIDs[qi] == eIDs[ej]
                let sub: Float = same ? 0 : Self.substitution(qClass[qi], eClass[ej], qWeights[qi], eWeights[ej])
                if abs(d[(i - 1) * w + j - 1] + sub - here) < eps {
                    steps.append(same ? .same(qi, ej) : .substitute(qi, ej)); i -= 1; j -= 1; continue
                }
                if qCat2[qi] >= 0 && qCat2[qi] == eIDs[ej] && abs(d[(i - 2) * w + j - 1] + 0.1 - here) < eps {
                    steps.append(.joined(q: qi - 1, qn: 2, e: ej, en: 1)); i -= 2; j -= 1; continue
                }
                if qCat3[qi] >= 0 && qCat3[qi] == eIDs[ej] && abs(d[(i - 3) * w + j - 1] + 0.1 - here) < eps {
                    steps.append(.joined(q: qi - 2, qn: 3, e: ej, en: 1)); i -= 3; j -= 1; continue
                }
                if eCat2[ej] >= 0 && eCat2[ej] == qIDs[qi] && abs(d[(i - 1) * w + j - 2] + 0.1 - here) < eps {
                    steps.append(.joined(q: qi, qn: 1, e: ej - 1, en: 2)); i -= 1; j -= 2; continue
                }
                if eCat3[ej] >= 0 && eCat3[ej] == qIDs[qi] && abs(d[(i - 1) * w + j - 3] + 0.1 - here) < eps {
                    steps.append(.joined(q: qi, qn: 1, e: ej - 2, en: 3)); i -= 1; j -= 3; continue
                }
            }
            if i > 0 && abs(d[(i - 1) * w + j] + qCosts[i - 1] - here) < eps {
                steps.append(.queryOnly(i - 1)); i -= 1; continue
            }
            if j > 0 { steps.append(.entryOnly(j - 1)); j -= 1; continue }
            steps.append(.queryOnly(i - 1)); i -= 1
        }
        return steps.reversed()
    }

    /// The entry's text with what differs from the query marked, wdiff style:
    /// `[-entry words-]` are not in the query, `{+query words+}` are missing from the entry.
    func diff(_ side: AnalyzedSide, text: String) -> String {
        if text == queryText { return text }
        var steps: [Step] = []
        _ = score(side, text: text, alignment: &steps)
        let e = side.matchTokens
        let scalars = Array(text.unicodeScalars)
        let qScalars = Array(queryText.unicodeScalars)
        func qText(_ i: Int) -> String { String(String.UnicodeScalarView(qScalars[q[i].start..<q[i].end])) }
        var deleted = [Bool](repeating: false, count: e.count)
        var insertions: [Int: [String]] = [:]  // entry scalar offset -> query words to insert there
        var cursor = 0
        for step in steps {
            switch step {
            case let .same(_, j): cursor = e[j].end
            case let .joined(_, _, j, en): cursor = e[j + en - 1].end
            case let .substitute(i, j):
                deleted[j] = true
                cursor = e[j].end
                insertions[cursor, default: []].append(qText(i))
            case let .entryOnly(j):
                deleted[j] = true
                cursor = e[j].end
            case let .queryOnly(i):
                let spaced = q[i].start > 0 && qScalars[q[i].start - 1] == " "
                insertions[cursor, default: []].append((spaced && cursor > 0 ? " " : "") + qText(i))
            }
        }
        var out = String.UnicodeScalarView()
        var starts: [Int: Int] = [:]
        for (j, t) in e.enumerated() where deleted[j] { starts[t.start] = j }
        var k = 0
        func flushInsertions(_ at: Int) {
            guard let words = insertions.removeValue(forKey: at) else { return }
            for word in words {
                let lead = word.hasPrefix(" ") ? " " : ""
                let body = lead.isEmpty ? word : String(word.dropFirst())
                out.append(contentsOf: "\(lead){+\(body)+}".unicodeScalars)
            }
            if at == 0, !scalars.isEmpty { out.append(" ") }
        }
        flushInsertions(0)
        while k < scalars.count {
            if let j = starts[k] {
                out.append(contentsOf: "[-".unicodeScalars)
                out.append(contentsOf: scalars[e[j].start..<e[j].end])
                out.append(contentsOf: "-]".unicodeScalars)
                k = e[j].end
            } else {
                out.append(scalars[k])
                k += 1
            }
            flushInsertions(k)
        }
        for key in insertions.keys.sorted() { flushInsertions(key) }
        return String(out)
    }
}

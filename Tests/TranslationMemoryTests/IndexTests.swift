import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// The index must find what a brute-force scan finds: the best score of an indexed lookup
/// equals the exhaustive one on at least 99.5% of queries, on generated data.
@Suite struct IndexTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        /// Zipf-like: small indexes much more often.
        mutating func zipf(_ n: Int) -> Int { min(n - 1, Int(Double(n) * pow(Double(next() % 10_000) / 10_000, 3))) }
    }

    static let english: [String] = {
        var g = RNG(state: 11)
        let letters = Array("abcdefghiklmnoprstuvwy")
        return (0..<3000).map { _ in String((0..<(3 + g.int(6))).map { _ in letters[g.int(letters.count)] }) }
    }()

    static let korean: [String] = {
        var g = RNG(state: 13)
        let syllables = Array("가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히")
        return (0..<2000).map { _ in String((0..<(2 + g.int(2))).map { _ in syllables[g.int(syllables.count)] }) }
    }()

    static let particles = ["은", "는", "이", "가", "을", "를", "에", "에서", "의", "와", ""]

    static func sentence(_ g: inout RNG) -> (String, String) {
        let n = 4 + g.int(10)
        let en = (0..<n).map { _ in english[g.zipf(english.count)] }.joined(separator: " ")
        let ko = (0..<max(2, n / 2)).map { _ in korean[g.zipf(korean.count)] + particles[g.int(particles.count)] }.joined(separator: " ")
        return (en, ko)
    }

    static func mutate(_ text: String, _ g: inout RNG, words: [String]) -> String {
        var w = text.split(separator: " ").map(String.init)
        for _ in 0..<(1 + g.int(2)) {
            switch g.int(3) {
            case 0: w.insert(words[g.int(words.count)], at: g.int(w.count + 1))
            case 1: if w.count > 2 { w.remove(at: g.int(w.count)) }
            default: w[g.int(w.count)] = words[g.int(words.count)]
            }
        }
        return w.joined(separator: " ")
    }

    @Test func indexedBestEqualsBruteForceOnGeneratedData() throws {
        var g = RNG(state: 2026)
        let pairs = (0..<2500).map { _ in Self.sentence(&g) }
        let tm = try store(pairs.map { unit($0.0, $0.1) })
        var queries: [String] = []
        for _ in 0..<220 {
            let p = pairs[g.int(pairs.count)]
            queries.append(Self.mutate(p.0, &g, words: Self.english))
            queries.append(Self.mutate(p.1, &g, words: Self.korean.map { $0 + "를" }))
        }
        for _ in 0..<40 { queries.append(Self.sentence(&g).0) }
        var agree = 0, found = 0
        for q in queries {
            let options = LookupOptions(minScore: 50, limit: 1)
            var exhaustive = options
            exhaustive.exhaustive = true
            let indexed = try tm.lookup(q, options: options).first?.score
            let brute = try tm.lookup(q, options: exhaustive).first?.score
            if indexed == brute { agree += 1 }
            if brute != nil { found += 1 }
        }
        let rate = Double(agree) / Double(queries.count)
        print("index vs brute force: \(agree) of \(queries.count) best scores agree; \(found) queries have a match")
        #expect(found > queries.count / 2, "the generated queries should mostly have matches")
        #expect(rate >= 0.995, "index agrees with brute force on \(agree) of \(queries.count) queries")
    }
}

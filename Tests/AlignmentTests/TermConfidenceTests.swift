import Testing
@testable import Alignment

/// The candidate ranking and its scores.
@Suite struct TermConfidenceTests {
    static func evidence(links: Double, lexical: Double, posterior: Double) -> TermEvidence {
        var e = TermEvidence()
        e.sourceCount = 20
        e.linkCount = links
        e.targetCount = links + 2
        e.lexicalForward = lexical
        e.lexicalBackward = lexical
        e.posteriorForward = posterior
        e.posteriorBackward = posterior
        e.coverage = 1
        e.share = links / 20
        e.lead = links / 20
        return e
    }

    @Test func aParticleLeftOnIsMarkedAgainstTheBareWord() {
        // 폴더 (id 1), 폴더를 (id 2), 새 폴더 (ids 3, 1).
        var e = [TermEvidence](repeating: TermEvidence(), count: 3)
        TermExtractor.relate(&e, targets: [TermKey([1]), TermKey([2]), TermKey([3, 1])], counts: [12, 4, 2], surfaces: ["폴더", "폴더를", "새 폴더"])
        #expect(e[1].particleVariant && !e[1].hasParticleVariant)
        #expect(e[0].hasParticleVariant && !e[0].particleVariant)
        #expect(!e[2].particleVariant && !e[2].hasParticleVariant)
        // 새 폴더 holds 폴더, which has 12 of the 14 links of the two.
        #expect(abs(e[2].containsRatio - 12.0 / 14) < 1e-9 && e[2].insideRatio == 0)
        #expect(abs(e[0].insideRatio - 2.0 / 14) < 1e-9 && e[0].containsRatio == 0)
        #expect(e[1].containsRatio == 0 && e[1].insideRatio == 0)
    }

    @Test func theBestLexicalAndPosteriorEvidenceIsMarked() {
        var e = [Self.evidence(links: 10, lexical: 0.8, posterior: 0.2), Self.evidence(links: 5, lexical: 0.3, posterior: 0.6)]
        TermExtractor.relate(&e, targets: [TermKey([1]), TermKey([2])], counts: [10, 5], surfaces: nil)
        #expect(e[0].lexicalBest && !e[0].posteriorBest)
        #expect(!e[1].lexicalBest && e[1].posteriorBest)
        #expect(!e[0].particleVariant && !e[1].hasParticleVariant)
    }

    @Test func scoresFollowTheRankingAndTheRunnersUpStayBelowTheBest() {
        let candidates = [Self.evidence(links: 3, lexical: 0.2, posterior: 0.2), Self.evidence(links: 15, lexical: 0.9, posterior: 0.9),
                          Self.evidence(links: 2, lexical: 0.1, posterior: 0.1)]
        let (rank, score) = TermConfidence.scores(candidates)
        #expect(rank.count == 3 && score.count == 3)
        let best = rank.indices.max { rank[$0] < rank[$1] }!
        #expect(best == 1)
        for k in score.indices {
            #expect(score[k] >= 0 && score[k] <= 1)
            if k != best { #expect(score[k] < score[best]) }
        }
        // Runners-up keep the ranking's order.
        #expect((rank[0] > rank[2]) == (score[0] >= score[2]))
    }

    @Test func aTinyCorpusIsScoredByItsOwnRules() {
        var sure = TermEvidence(), guess = TermEvidence()
        sure.tiny = true
        sure.transliteration = true
        sure.sound = 1
        guess.tiny = true
        let (_, score) = TermConfidence.scores([sure, guess])
        #expect(score[0] >= 0.9)
        #expect(score[1] < 0.5)
    }
}

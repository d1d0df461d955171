import Alignment
import Segmentation
import Testing

@Suite struct NameSkeletonTests {
    @Test(arguments: [("Trump", "트럼프"), ("Putin", "푸틴"), ("Linux", "리눅스"), ("Debian", "데비안"), ("Kellogg", "켈로그"),
                      ("Florida", "플로리다"), ("Google", "구글")])
    func englishNamesMatchTheirHangulSpelling(_ english: String, _ hangul: String) throws {
        let tr = try Transliterator(id: "Hangul-Latin")
        #expect(NameSkeleton.of(english) == NameSkeleton.of(tr(hangul)))
    }

    @Test func differentNamesDiffer() throws {
        let tr = try Transliterator(id: "Hangul-Latin")
        #expect(NameSkeleton.of("Putin") != NameSkeleton.of(tr("트럼프")))
        #expect(NameSkeleton.of("Trump") == "TLMP")
    }
}

@Suite struct LengthModelTests {
    @Test func costGrowsWithTheLengthMismatch() {
        let model = LengthModel(ratio: 0.5, variance: 3.4)
        #expect(model.cost(100, 50) < 0.01)
        #expect(model.cost(100, 60) < model.cost(100, 70))
        #expect(model.cost(100, 70) < model.cost(100, 200))
        #expect(model.cost(1000, 0).isFinite)
    }

    @Test func theRatioIsEstimatedFromThePairs() {
        let pairs = (1...40).map { (Double($0 * 10), Double($0 * 4)) }
        let fitted = LengthModel.fitted(pairs, fallback: .galeChurch)
        #expect(abs(fitted.ratio - 0.4) < 1e-9)
        #expect(LengthModel.fitted(Array(pairs.prefix(5)), fallback: .galeChurch) == .galeChurch)
        let estimated = LengthModel.estimated(sourceLength: 1000, targetLength: 450)
        #expect(abs(estimated.ratio - 0.45) < 1e-9)
    }
}

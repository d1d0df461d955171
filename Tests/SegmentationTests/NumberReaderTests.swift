import Testing
import Segmentation

@Suite struct NumberReaderTests {
    @Test(arguments: [
        ("280억", "28000000000"), ("28,000,000,000", "28000000000"), ("28 billion", "28000000000"),
        ("1.5 million", "1500000"), ("3만5천", "35000"), ("1조2천억", "1200000000000"), ("5천", "5000"),
        ("２０２２", "2022"), ("3.50", "3.5"), ("0.25", "0.25"), ("12", "12"),
    ])
    func readsValues(text: String, value: String) {
        #expect(NumberReader.value(of: text) == value)
    }

    @Test(arguments: ["abc", "억", "28 apples", "", "1,2,3x"])
    func rejectsNonNumbers(text: String) {
        #expect(NumberReader.value(of: text) == nil)
    }
}

@Suite struct EnglishLemmatizerTests {
    @Test(arguments: [
        ("negotiations", "negotiation"), ("demands", "demand"), ("policies", "policy"), ("boxes", "box"),
        ("matches", "match"), ("russia's", "russia"), ("news", "news"), ("status", "status"), ("analysis", "analysis"),
        ("children", "child"), ("gas", "gas"), ("class", "class"), ("files", "file"), ("is", "is"),
    ])
    func lemmatizes(word: String, lemma: String) {
        #expect(EnglishLemmatizer.lemma(word) == lemma)
    }
}

@Suite struct KeyNormalizerTests {
    @Test func foldsToNFCLowercaseAndPlainQuotes() {
        #expect(KeyNormalizer.fold("안보".decomposedStringWithCanonicalMapping) == "안보")
        #expect(KeyNormalizer.fold("ＡＢＣ１") == "abc1")
        #expect(KeyNormalizer.fold("Don’t") == "don't")
        #expect(KeyNormalizer.fold("a\u{00A0}b") == "a b")
    }
}

import Foundation

import Foundation
import Testing
@testable import Terminology

/// The Foundation-free trimming gives what `trimmingCharacters(in:)` gives.
@Suite struct StringTrimmingTests {
    static let samples = ["", " ", "안보", "  안보 \n", "\t security\r\n", "\u{3000}협상\u{00A0}", "\u{2028}x y\u{2029}", "\u{200B}a\u{200B}",
                          "\n\n", "a\u{0085}", "\u{FEFF}b", " 유럽 안보 ", "\u{1680}\u{202F}c\u{205F}"]

    @Test func whitespaceAndNewlinesAsFoundationTrimsThem() {
        for s in Self.samples {
            #expect(s.trimmingWhitespace() == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(s.unicodeScalars))")
            #expect(s.trimmingSpaces() == s.trimmingCharacters(in: .whitespaces), "\(Array(s.unicodeScalars))")
        }
    }

    @Test func trimmingWhereAPredicateHolds() {
        #expect("0.930;".trimming { $0 == ";" || $0 == "," } == "0.930")
        #expect(",;x,y;".trimming { $0 == ";" || $0 == "," } == "x,y")
        #expect(";;".trimming { $0 == ";" } == "")
    }
}

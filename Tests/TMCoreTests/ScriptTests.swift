import Testing
import TMCore

@Suite struct ScriptTests {
    @Test func classifiesRuns() {
        #expect(Script.of("안보".unicodeScalars) == .hangul)
        #expect(Script.of("Trump's".unicodeScalars) == .latin)
        #expect(Script.of("280억".unicodeScalars) == .mixed)
        #expect(Script.of("2022".unicodeScalars) == .digits)
        #expect(Script.of("...".unicodeScalars) == .common)
        #expect(Script.of("東京".unicodeScalars) == .han)
    }
}

import Testing
import TMCore

@Suite struct InlineCodeTests {
    static let samples: [[CodedText.Piece]] = [
        [],
        [.text("plain")],
        [.text("Click "), .code(InlineCode(.open, id: "1", native: "{\\b ")), .text("here"), .code(InlineCode(.close, id: "1", native: "}"))],
        [.code(InlineCode(.standalone, id: "", native: ""))],
        [.code(InlineCode(.isolatedOpen, id: "x\u{E101}", native: "<a\u{E103}>")), .text("text with \u{E100}\u{E102} markers")],
    ]

    @Test(arguments: samples)
    func encodingIsReversible(_ pieces: [CodedText.Piece]) {
        #expect(CodedText.decode(CodedText.encode(pieces)) == pieces)
    }

    @Test func textWithoutCodesIsStoredUnchanged() {
        #expect(CodedText.encode([.text("Save the file")]) == "Save the file")
        #expect(!CodedText.hasCodes("Save the file"))
    }

    @Test func plainNativeAndDisplayForms() {
        let s = CodedText.encode(Self.samples[2])
        #expect(CodedText.plain(s) == "Click here")
        #expect(CodedText.native(s) == "Click {\\b here}")
        #expect(CodedText.display(s) == "Click {1}here{/1}")
    }
}

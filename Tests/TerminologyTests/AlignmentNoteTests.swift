import Testing
@testable import Terminology

@Suite struct AlignmentNoteTests {
    @Test func readsEveryPair() {
        let v = AlignmentNote.values("tmkit-alignment: status=candidate score=0.754 count=41 sourceCount=106 targetCount=58")
        #expect(v == ["status": "candidate", "score": "0.754", "count": "41", "sourceCount": "106", "targetCount": "58"])
    }

    @Test func toleratesSpacingPunctuationAndJunk() {
        let v = AlignmentNote.values("tmkit-alignment:   score=0.9;  count=3, =x y= lone a==b 점수=높음")
        #expect(v == ["score": "0.9", "count": "3", "a": "=b", "점수": "높음"])
        #expect(AlignmentNote.values("tmkit-alignment:").isEmpty)
        #expect(AlignmentNote.values("tmkit-alignment: k=;;").isEmpty == false)
    }

    @Test func roundTripsWhatTheWriterWrites() throws {
        var term = Term(language: .english, text: "security")
        term.status = .candidate
        term.evidence = Evidence(score: 0.5, count: 2, sourceCount: 3, targetCount: 4)
        let note = try #require(AlignmentNote.text(term))
        #expect(AlignmentNote.values(note) == ["status": "candidate", "score": "0.500", "count": "2", "sourceCount": "3", "targetCount": "4"])
    }
}

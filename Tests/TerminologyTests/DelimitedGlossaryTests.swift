import Foundation
import TMCore
import Testing
@testable import Terminology

@Suite struct DelimitedGlossaryTests {
    @Test func omegaTTSVRoundTrip() throws {
        let g = Glossary(sourceLanguage: .english, targetLanguage: .korean, entries: [
            GlossaryEntry(source: "file name", target: "파일 이름", score: 0.912, note: "UI", statistics: .init(count: 12, sourceCount: 14, targetCount: 15)),
            GlossaryEntry(source: "desktop", target: "바탕 화면"),
        ])
        let text = DelimitedGlossary.write(g, separator: "\t")
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "file name\t파일 이름\tUI; tmkit-alignment: score=0.912 count=12 sourceCount=14 targetCount=15")
        #expect(lines[2] == "desktop\t바탕 화면\t")
        let back = try DelimitedGlossary.read(data: Data(text.utf8), file: "g.txt", separator: "\t", sourceLanguage: .english, targetLanguage: .korean)
        #expect(back.entries == g.entries)
    }

    @Test func readsOmegaTGlossaryWithCommentsAndCSVQuotes() throws {
        let tsv = "# OmegaT glossary\nprint\t인쇄\tverb in menus\r\n\nhorizontal\t가로\n"
        let g = try DelimitedGlossary.read(data: Data(tsv.utf8), file: "o.txt", separator: "\t", sourceLanguage: .english, targetLanguage: .korean)
        #expect(g.entries.map { [$0.source, $0.target, $0.note ?? ""] } == [["print", "인쇄", "verb in menus"], ["horizontal", "가로", ""]])
        let csv = "\"Save, as\",\"다른 이름으로 \"\"저장\"\"\",note\n"
        let c = try DelimitedGlossary.read(data: Data(csv.utf8), file: "o.csv", separator: ",", sourceLanguage: .english, targetLanguage: .korean)
        #expect(c.entries.first?.source == "Save, as" && c.entries.first?.target == "다른 이름으로 \"저장\"")
    }

    @Test func badLinesNameTheLine() {
        let tsv = "print\t인쇄\nno tab here\n"
        do {
            _ = try DelimitedGlossary.read(data: Data(tsv.utf8), file: "o.txt", separator: "\t", sourceLanguage: .english, targetLanguage: .korean)
            Issue.record("accepted a line without a target")
        } catch {
            #expect("\(error)".hasPrefix("o.txt:2:"))
        }
    }
}

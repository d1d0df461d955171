import Foundation
import TMCore
import Testing
@testable import Terminology

/// A file in a fresh temporary folder.
func temporaryFile(_ name: String, _ text: String? = nil) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-term-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    if let text { try text.write(toFile: path, atomically: true, encoding: .utf8) }
    return path
}

/// Reads TBX text through a temporary file.
func readTBX(_ xml: String, name: String = "t.tbx", sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> TermBase {
    try TBXReader.read(try temporaryFile(name, xml), sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
}

@Suite struct TBXTests {
    static let sample = Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
        GlossaryEntry(source: "안보", target: "security", score: 0.725, note: "not 보안 & not <IT>",
                      statistics: .init(count: 1, sourceCount: 2, targetCount: 1),
                      examples: [.init(source: "유럽 ‘유럽안보’", target: "EU ‘European Security’")]),
        GlossaryEntry(source: "협상 장기화", target: "prolonged negotiations"),
    ], title: "test")

    @Test func writes2019TBXBasicAndReadsItBack() throws {
        let base = TermBase(pairs: Self.sample)
        let xml = TBXWriter.document(base)
        #expect(xml.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ko\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"))
        #expect(xml.contains("DCA/TBX-Basic_DCA.rng"))
        #expect(xml.contains("<conceptEntry id=\"c1\">"))
        #expect(xml.contains("<langSec xml:lang=\"en\">"))
        #expect(xml.contains("<descrip type=\"context\">EU ‘European Security’</descrip>"))
        #expect(xml.contains("not 보안 &amp; not &lt;IT&gt;"))
        let back = try readTBX(xml)
        #expect(back == base)
        #expect(back.pairs() == Self.sample)
        #expect(back.concepts[0].terms[1].status == .candidate)
    }

    /// A concept inside a concept (no schema allows it; files have it): both are read whole.
    @Test func aConceptNestedInAConceptLosesNeither() throws {
        let base = try readTBX("""
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>
        <conceptEntry id="e1"><conceptEntry id="e9"><langSec xml:lang="en"><termSec><term>Inner</term></termSec></langSec><langSec xml:lang="ko"><termSec><term>안</term></termSec></langSec></conceptEntry><langSec xml:lang="en"><termSec><term>Outer</term></termSec></langSec><langSec xml:lang="ko"><termSec><term>제품 정보</term></termSec></langSec></conceptEntry>
        <conceptEntry id="e2"><langSec xml:lang="en"><termSec><term>Last</term></termSec></langSec><langSec xml:lang="ko"><termSec><term>마지막</term></termSec></langSec></conceptEntry>
        </body></text></tbx>
        """)
        #expect(base.concepts.map { $0.terms.map(\.text) } == [["Inner", "안"], ["Outer", "제품 정보"], ["Last", "마지막"]])
    }

    @Test func reads2008Martif() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
        <martif type="TBX-Basic" xml:lang="en-US">
          <martifHeader><fileDesc><sourceDesc><p>old tool</p></sourceDesc></fileDesc></martifHeader>
          <text><body>
            <termEntry id="t1">
              <note>checked</note>
              <langSet xml:lang="en-US"><tig><term>ceasefire</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
              <langSet xml:lang="ko-KR"><ntig><termGrp><term>휴전</term></termGrp></ntig></langSet>
            </termEntry>
            <termEntry id="t2">
              <langSet xml:lang="en-US"><tig><term>tariff</term></tig></langSet>
              <langSet xml:lang="ko-KR"><tig><term>관세</term></tig></langSet>
            </termEntry>
          </body></text>
        </martif>
        """
        let g = try readTBX(xml, name: "old.tbx").pairs()
        #expect(g.sourceLanguage.code == "en-US" && g.targetLanguage.code == "ko-KR")
        #expect(g.entries.map { [$0.source, $0.target] } == [["ceasefire", "휴전"], ["tariff", "관세"]])
        #expect(g.entries[0].note == "checked")
        // Read the other way round when asked.
        let reversed = try readTBX(xml, name: "old.tbx", sourceLanguage: .korean, targetLanguage: .english).pairs()
        #expect(reversed.entries.map(\.source) == ["휴전", "관세"])
    }

    @Test func malformedTBXNamesFileLineAndColumn() throws {
        let truncated = "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\">\n  <text><body>\n    <conceptEntry id=\"c1\">"
        do {
            _ = try readTBX(truncated, name: "cut.tbx")
            Issue.record("a truncated TBX was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains("cut.tbx:"))
            #expect(message.split(separator: ":").count >= 4)
        }
        let mismatched = "<tbx>\n<text>\n</body>\n</tbx>"
        #expect(throws: (any Error).self) { try readTBX(mismatched, name: "bad.tbx") }
        let notTBX = "<html><body/></html>"
        #expect(throws: TerminologyError.self) { try readTBX(notTBX, name: "page.tbx") }
    }

    @Test func externalEntitiesAreRefusedAndBombsStop() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-secret-\(UUID().uuidString).txt")
        try "TOP-SECRET".write(to: secret, atomically: true, encoding: .utf8)
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE tbx [<!ENTITY x SYSTEM "file://\(secret.path)">]>
        <tbx xml:lang="en"><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>a&x;</term></termSec></langSec>
        <langSec xml:lang="ko"><termSec><term>가</term></termSec></langSec></conceptEntry></body></text></tbx>
        """
        do {
            let base = try readTBX(xxe, name: "xxe.tbx")
            #expect(!base.concepts.flatMap(\.terms).contains { $0.text.contains("TOP-SECRET") })
            Issue.record("an external entity was accepted")
        } catch {
            #expect("\(error)".contains("xxe.tbx:"))
            #expect(!"\(error)".contains("TOP-SECRET"))
        }
        var bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [\n<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j", "k"] {
            bomb += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
            previous = name
        }
        bomb += "]>\n<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&k;</term></termSec></langSec></conceptEntry></body></text></tbx>"
        #expect(throws: (any Error).self) { try readTBX(bomb, name: "bomb.tbx") }
    }
}

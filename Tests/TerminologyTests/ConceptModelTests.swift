import Foundation
import TMCore
import Testing
@testable import Terminology

/// A TBX-Basic 2019 file using every data category tmkit models, and some it keeps as properties.
let fullTBXBasic = """
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><titleStmt><title>Security terms</title></titleStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="sec1">
      <descrip type="subjectField">International relations</descrip>
      <admin type="customerSubset">Newsroom</admin>
      <xref type="externalCrossReference" target="https://example.org/security">ref</xref>
      <note>Not IT security.</note>
      <transacGrp><transac type="transactionType">origination</transac><date>2024-05-01</date><transacNote type="responsibility">kim</transacNote></transacGrp>
      <langSec xml:lang="en">
        <descripGrp><descrip type="definition">Protection of a state from threats.</descrip><admin type="source">Oxford</admin></descripGrp>
        <note>English note</note>
        <termSec>
          <term>security</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="termType">fullForm</termNote>
          <termNote type="grammaticalGender">other</termNote>
          <descripGrp><descrip type="context">European security was discussed.</descrip><admin type="source">news 2024</admin></descripGrp>
          <admin type="source">style guide</admin>
          <note>general</note>
          <transacGrp><transac type="transactionType">modification</transac><date>2024-06-02</date><transacNote type="responsibility">lee</transacNote></transacGrp>
        </termSec>
        <termSec>
          <term>safety</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </termSec>
      </langSec>
      <langSec xml:lang="ko">
        <termSec><term>안보</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><termNote type="partOfSpeech">noun</termNote></termSec>
        <termSec><term>안전 보장</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>보안</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

@Suite struct ConceptModelTests {
    @Test func readsEveryTBXBasicCategory() throws {
        let base = try readTBX(fullTBXBasic)
        #expect(base.title == "Security terms")
        #expect(base.concepts.count == 1)
        let c = base.concepts[0]
        #expect(c.id == "sec1")
        #expect(c.subjectField == "International relations")
        #expect(c.definitions == [Definition(language: .english, text: "Protection of a state from threats.", source: "Oxford")])
        #expect(c.notes == ["Not IT security."])
        #expect(c.transactions == [Transaction(kind: .origination, user: "kim", date: "2024-05-01")])
        #expect(c.properties.contains(Property(element: "admin", type: "customerSubset", value: "Newsroom")))
        #expect(c.properties.contains(Property(element: "note", type: "", value: "English note", language: .english)))
        #expect(c.terms.count == 5)
        let security = c.terms[0]
        #expect(security.status == .preferred && security.partOfSpeech == .noun && security.termType == "fullForm")
        #expect(security.source == "style guide")
        #expect(security.contexts == [Context(text: "European security was discussed.", source: "news 2024")])
        #expect(security.transactions == [Transaction(kind: .modification, user: "lee", date: "2024-06-02")])
        #expect(security.properties == [Property(element: "termNote", type: "grammaticalGender", value: "other")])
        #expect(c.terms(in: .korean).map(\.text) == ["안보", "안전 보장", "보안"])
        #expect(c.terms(in: .english).map(\.effectiveStatus) == [.preferred, .deprecated])
    }

    /// TBX 2019 -> TBX 2008 -> back: the same concepts.
    @Test func roundTripThroughBothDialects() throws {
        let base = try readTBX(fullTBXBasic)
        let old = TBXWriter.document(base, dialect: .tbx2008)
        #expect(old.contains("<martif type=\"TBX-Basic\""))
        #expect(old.contains("<termEntry id=\"sec1\">") && old.contains("<langSet xml:lang=\"ko\">") && old.contains("<tig>"))
        let back = try readTBX(old, name: "old.tbx")
        #expect(back == base)
        let again = try readTBX(TBXWriter.document(back), name: "new.tbx")
        #expect(again == base)
    }

    @Test func unknownValuesAreErrorsNamingTheValue() throws {
        for (bad, value) in [
            (fullTBXBasic.replacingOccurrences(of: "preferredTerm-admn-sts</termNote><termNote type=\"partOfSpeech\">", with: "approvedTerm-admn-sts</termNote><termNote type=\"partOfSpeech\">"), "approvedTerm-admn-sts"),
            (fullTBXBasic.replacingOccurrences(of: ">noun</termNote>\n          <termNote type=\"administrativeStatus\">", with: ">nounish</termNote>\n          <termNote type=\"administrativeStatus\">"), "nounish"),
            (fullTBXBasic.replacingOccurrences(of: "<langSec xml:lang=\"ko\">", with: "<langSec xml:lang=\"xx-9\">"), "xx-9"),
        ] {
            #expect(bad != fullTBXBasic)
            do {
                _ = try readTBX(bad, name: "bad.tbx")
                Issue.record("accepted \(value)")
            } catch {
                #expect("\(error)".contains("'\(value)'"))
                #expect("\(error)".contains("bad.tbx:"))
            }
        }
    }

    @Test func statusRanking() {
        let terms = [TermStatus.superseded, .candidate, .deprecated, .admitted, .preferred].map { Term(language: .english, text: $0.rawValue, status: $0) }
        #expect(terms.sorted(by: Term.ranking).map(\.text) == ["preferred", "admitted", "candidate", "deprecated", "superseded"])
        #expect(!TermStatus.deprecated.isUsable && !TermStatus.superseded.isUsable && TermStatus.candidate.isUsable)
        #expect(TermStatus(tbx: "admittedTerm-admn-sts") == .admitted && TermStatus(tbx: "bogus") == nil)
    }

    @Test func buildPairsBecomeOneConceptPerSourceTerm() {
        let g = Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
            GlossaryEntry(source: "설정", target: "settings", score: 0.9, statistics: .init(count: 9, sourceCount: 10, targetCount: 12)),
            GlossaryEntry(source: "설정", target: "setting", score: 0.5, statistics: .init(count: 3, sourceCount: 10, targetCount: 4)),
            GlossaryEntry(source: "폴더", target: "folder", score: 0.8, statistics: .init(count: 5, sourceCount: 5, targetCount: 5)),
        ])
        let base = TermBase(pairs: g)
        #expect(base.concepts.count == 2)
        #expect(base.concepts[0].terms.map(\.text) == ["설정", "settings", "setting"])
        #expect(base.concepts[0].terms.allSatisfy { $0.status == .candidate })
        #expect(base.concepts[0].terms[1].evidence == Evidence(score: 0.9, count: 9, sourceCount: 10, targetCount: 12))
    }
}

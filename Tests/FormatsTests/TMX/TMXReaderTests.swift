import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct TMXReaderTests {
    @Test func readsUnitsWithMetadataAndInlineCodes() throws {
        let (units, summary) = try readAll(fixture("sample14.tmx"), ReadOptions(targetLanguage: ko))
        #expect(units.map(\.id) == ["t1", "t2", "t5"])
        let first = units[0]
        #expect(first.source == "Open File" && first.target == "파일 열기")
        #expect(first.created == TMXDate.parse("20240131T235959Z"))
        #expect(TMXDate.format(first.changed!) == "20240201T000102Z")
        #expect(first.creator == "kim" && first.changer == "lee")
        #expect(first.properties == [.init(type: "x-package", value: "gedit")])
        #expect(first.notes == ["A menu item"])
        #expect(first.location?.line == 6)
        // Three languages: the requested pair is picked; variants match (en-US for en).
        #expect(units[1].source == "Click <b>Save</b> now%s.")
        #expect(units[1].target == "<b>저장</b>을 지금 누르세요%s.")
        #expect(units[1].sourceLanguage.code == "en-US" && units[1].targetLanguage.code == "ko-KR")
        #expect(units[2].source == "A highlighted word & <i>an isolated tag")
        #expect(summary.read == 3)
        #expect(summary.skipped == ["missing target (ko)": 1, "empty target": 1])
    }

    @Test func picksAnotherPairFromTheSameFile() throws {
        let (units, summary) = try readAll(fixture("sample14.tmx"), ReadOptions(sourceLanguage: .init("de")!, targetLanguage: en))
        #expect(units.map(\.source) == ["Klicken Sie auf <b>Speichern</b>.", "Nur Deutsch"])
        #expect(summary.skipped == ["missing source (de)": 3])
    }

    @Test func targetDefaultsToTheFirstOtherLanguage() throws {
        let (units, summary) = try readAll(fixture("sample14.tmx"))
        #expect(summary.sourceLanguage == en && summary.targetLanguage == ko)
        #expect(units.count == 3)
    }

    @Test func legacyTMX11WithLangAndAllSource() throws {
        let (units, summary) = try readAll(fixture("legacy11.tmx"))
        #expect(units.map(\.source) == ["Print", "Cancel"])
        #expect(units.map(\.target) == ["인쇄", "취소"])
        #expect(summary.sourceLanguage?.code == "en-US")
        let (back, _) = try readAll(fixture("legacy11.tmx"), ReadOptions(sourceLanguage: ko, targetLanguage: en))
        #expect(back.map(\.source) == ["인쇄", "취소"])
    }

    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func utf16WithBOM(encoding: String.Encoding) throws {
        let dir = TempDir()
        let text = try String(contentsOfFile: fixture("legacy11.tmx"), encoding: .utf8)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var data = Data(encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF])
        data.append(text.data(using: encoding)!)
        let (units, _) = try readAll(dir.write("u16.tmx", data))
        #expect(units.map(\.target) == ["인쇄", "취소"])
    }

    @Test func utf8WithBOM() throws {
        let dir = TempDir()
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(try Data(contentsOf: URL(fileURLWithPath: fixture("legacy11.tmx"))))
        let (units, _) = try readAll(dir.write("bom.tmx", data))
        #expect(units.map(\.target) == ["인쇄", "취소"])
    }

    @Test func badLanguageCodesAreErrorsWithPosition() {
        let dir = TempDir()
        for (code, reason) in [("xx", "not a known language"), ("e_n!", "not a well-formed BCP 47 tag")] {
            let path = dir.write("bad.tmx", """
                <tmx version="1.4"><header srclang="en"/><body>
                <tu><tuv xml:lang="en"><seg>a</seg></tuv>
                <tuv xml:lang="\(code)"><seg>b</seg></tuv></tu></body></tmx>
                """)
            guard case let .language(file, 3, _, c, r)? = formatError({ _ = try readAll(path) }) else {
                Issue.record("expected a language error for \(code)"); continue
            }
            #expect(file == path && c == code && r == reason)
        }
    }

    @Test func errorsFromTheCallerStopTheRead() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try TMXReader().read(fixture("sample14.tmx"), options: .init()) { _ in seen += 1; throw Stop() }
        }
        #expect(seen == 1)
    }
}

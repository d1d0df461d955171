import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct DelimitedReaderTests {
    @Test func readsCorpusStyleTSVWithHeaderAndEscapes() throws {
        let (units, summary) = try readAll(fixture("pairs.tsv"))
        #expect(units.map(\.source) == ["Open File", "Line one\nLine two", "Tab\there and back\\slash", "Save"])
        #expect(units[1].target == "첫 줄\n둘째 줄")
        #expect(units[2].target == "탭\t여기 역\\슬래시")
        #expect(units[0].id == "dp1")
        #expect(units[0].properties == [.init(type: "package", value: "gedit")])
        #expect(units[3].properties.isEmpty)
        #expect(units[0].sourceLanguage == en && units[0].targetLanguage == ko)
        #expect(units[3].location?.line == 8)
        #expect(summary.read == 4)
        #expect(summary.skipped == ["empty target": 1, "empty source": 1])
    }

    @Test func headerLanguagesAreSwappedToFitTheOptions() throws {
        let (units, summary) = try readAll(fixture("pairs.tsv"), ReadOptions(sourceLanguage: ko))
        #expect(units.first?.source == "파일 열기")
        #expect(units.first?.sourceLanguage == ko)
        #expect(summary.targetLanguage == en)
    }

    @Test func plainTwoColumnsNeedLanguagesFromOptions() throws {
        let path = fixture("plain.tsv")
        #expect(formatError { _ = try readAll(path) } == .missingLanguage(file: path, side: "source"))
        let (units, _) = try readAll(path, ReadOptions(sourceLanguage: en, targetLanguage: ko))
        #expect(units.map(\.target) == ["안녕하세요", "세계"])
        #expect(units[1].properties == [.init(type: "column3", value: "extra")])
    }

    @Test func csvWithLanguageCodeHeaderAndRFC4180Quoting() throws {
        let (units, summary) = try readAll(fixture("codes.csv"))
        #expect(units.map(\.source) == ["Hello, world", "Say \"hi\"", "Two\nlines"])
        #expect(units.map(\.target) == ["안녕, 세상", "\"안녕\"이라고 말하기", "두\n줄"])
        #expect(units[0].notes == ["greeting"])
        #expect(units[2].location?.line == 4)
        #expect(summary.sourceLanguage == en && summary.targetLanguage == ko)
    }

    @Test func unclosedQuoteIsAnErrorNamingTheLine() {
        let dir = TempDir()
        let path = dir.write("bad.csv", "en,ko\na,b\n\"open,x\n")
        #expect(formatError { _ = try readAll(path) } == .malformed(file: path, line: 3, column: 1, reason: "quoted field not closed before the end of the file"))
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        let dir = TempDir()
        var bytes = Data("source\ttarget\nok\t좋아\nab".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Array("\tx\n".utf8))
        let path = dir.write("bad.tsv", bytes)
        #expect(formatError { _ = try readAll(path, ReadOptions(sourceLanguage: en, targetLanguage: ko)) }
            == .invalidUTF8InLine(file: path, line: 3, column: 3))
    }

    @Test func wrongLanguageCodeInHeaderIsAnError() {
        let dir = TempDir()
        let bad = dir.write("bad.tsv", "id\tsource_en\ttarget_xx\nx\ta\tb\n")
        #expect(position(formatError { _ = try readAll(bad) }) == "1:21")
        let worse = dir.write("worse.tsv", "source_en\ttarget_k*\na\tb\n")
        if case .language(_, 1, _, "k*", _)? = formatError({ _ = try readAll(worse) }) {} else { Issue.record("expected a language error") }
    }

    @Test func emptyFileIsAnError() {
        let dir = TempDir()
        let path = dir.write("empty.tsv", "")
        #expect(formatError { _ = try readAll(path, ReadOptions(sourceLanguage: en, targetLanguage: ko)) } == .empty(file: path))
    }

    @Test func hugeLinesAndCRLFWork() throws {
        let dir = TempDir()
        let long = String(repeating: "가나다라 ", count: 600_000)  // ~7 MB, several read chunks
        let path = dir.write("huge.tsv", "en\tko\r\nshort\t짧은\r\nlong\t\(long)\r\nlast\t끝\r\n")
        let (units, summary) = try readAll(path)
        #expect(summary.read == 3)
        #expect(units[1].target == long)
        #expect(units[2].target == "끝")
    }

    @Test func utf16WithBOMIsRead() throws {
        let dir = TempDir()
        var data = Data([0xFF, 0xFE])
        data.append("en\tko\nYes\t예\n".data(using: .utf16LittleEndian)!)
        let (units, _) = try readAll(dir.write("u16.txt", data))
        #expect(units.map(\.target) == ["예"])
    }

    @Test func headerWithLanguageNames() throws {
        let dir = TempDir()
        let path = dir.write("names.csv", "\u{FEFF}Korean,English,Comment\n저장,Save,button\n")
        let (units, summary) = try readAll(path)
        #expect(summary.sourceLanguage == ko && summary.targetLanguage == en)
        #expect(units.map(\.source) == ["저장"] && units[0].notes == ["button"])
        let (swapped, _) = try readAll(path, ReadOptions(sourceLanguage: en))
        #expect(swapped.map(\.source) == ["Save"] && swapped[0].targetLanguage == ko)
    }
}

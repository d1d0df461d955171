import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct TMXWriterTests {
    static let units: [TranslationUnit] = [
        TranslationUnit(source: "Open File", target: "파일 열기", sourceLanguage: en, targetLanguage: ko, id: "u1", context: "menu",
                        created: TMXDate.parse("20240131T235959Z"), changed: TMXDate.parse("20250101T000000Z"), creator: "kim", changer: "lee",
                        properties: [.init(type: "x-package", value: "gedit & \"co\"")], notes: ["a <note>"]),
        TranslationUnit(source: "Click <b>Save</b> or <br/> <i>now", target: "<b>저장</b>을 누르세요 & \"따옴표\" < >", sourceLanguage: en, targetLanguage: ko),
        TranslationUnit(source: "Two\nlines\twith tab", target: "두\n줄", sourceLanguage: .init("en-US")!, targetLanguage: .init("ko-KR")!, id: "id with \"quotes\""),
    ]

    func write(_ units: [TranslationUnit], to path: String, markup: TMXWriter.InlineMarkup) throws {
        var w = try TMXWriter(path: path, sourceLanguage: en, inlineMarkup: markup)
        for u in units { try w.write(u) }
        try w.finish()
    }

    @Test(arguments: [TMXWriter.InlineMarkup.text, .codes])
    func roundTripsThroughTheReader(markup: TMXWriter.InlineMarkup) throws {
        let dir = TempDir()
        let path = dir.path + "/out.tmx"
        try write(Self.units, to: path, markup: markup)
        let (back, summary) = try readAll(path, ReadOptions(sourceLanguage: en, targetLanguage: ko))
        #expect(summary.read == 3 && summary.skippedTotal == 0)
        for (a, b) in zip(Self.units, back) {
            #expect(a.source == b.source && a.target == b.target)
            #expect(a.sourceLanguage == b.sourceLanguage && a.targetLanguage == b.targetLanguage)
            #expect(a.id == b.id && a.context == b.context && a.created == b.created && a.changed == b.changed)
            #expect(a.creator == b.creator && a.changer == b.changer && a.properties == b.properties && a.notes == b.notes)
        }
    }

    @Test func headerHasTheSevenRequiredAttributesAndUTCDates() throws {
        let dir = TempDir()
        let path = dir.path + "/out.tmx"
        try write(Self.units, to: path, markup: .text)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first { $0.contains("<header") })
        for attr in ["creationtool=", "creationtoolversion=", "segtype=\"sentence\"", "o-tmf=", "adminlang=\"en\"", "srclang=\"en\"", "datatype=\"plaintext\""] {
            #expect(header.contains(attr), "header lacks \(attr)")
        }
        #expect(text.contains("<tmx version=\"1.4\">"))
        #expect(text.contains("creationdate=\"20240131T235959Z\""))
        #expect(text.contains("<tuv xml:lang=\"ko-KR\">"))
        #expect(text.contains("Click &lt;b&gt;Save&lt;/b&gt;"))
        #expect(!text.contains(" lang="))
    }

    @Test func codesArePairedBptEpt() throws {
        let encoded = TMXInlineCodes.encode("Click <b>Save</b> or <br/> <i>now & <x")
        #expect(encoded == "Click <bpt i=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;</ept> or <ph>&lt;br/&gt;</ph> <it pos=\"begin\">&lt;i&gt;</it>now &amp; &lt;x")
        #expect(TMXInlineCodes.encode("<a href=\"x\"><b>t</b></a>") ==
            "<bpt i=\"1\">&lt;a href=\"x\"&gt;</bpt><bpt i=\"2\">&lt;b&gt;</bpt>t<ept i=\"2\">&lt;/b&gt;</ept><ept i=\"1\">&lt;/a&gt;</ept>")
    }

    @Test func controlCharactersAreDroppedAndCounted() throws {
        let dir = TempDir()
        let path = dir.path + "/out.tmx"
        var w = try TMXWriter(path: path, sourceLanguage: en)
        try w.write(TranslationUnit(source: "a\u{1}b", target: "가\u{B}나", sourceLanguage: en, targetLanguage: ko))
        try w.finish()
        #expect(w.droppedCharacters == 2)
        let (back, _) = try readAll(path)
        #expect(back.map(\.source) == ["ab"] && back.map(\.target) == ["가나"])
    }

    @Test func writingIsAtomic() throws {
        let dir = TempDir()
        let path = dir.path + "/out.tmx"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            var w = try TMXWriter(path: path, sourceLanguage: en)
            for u in Self.units { try w.write(u) }
            // Not finished: the old file is untouched.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        }
        // The abandoned temporary file is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.tmx"])
        try write(Self.units, to: path, markup: .text)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.tmx"])
    }

    @Test func missingDirectoryIsAnError() {
        #expect(formatError { _ = try TMXWriter(path: "/nonexistent-dir/x.tmx", sourceLanguage: en) }
            == .write(file: "/nonexistent-dir/x.tmx", reason: "no such directory"))
    }

    @Test func datesAreFormattedInUTC() {
        #expect(TMXDate.format(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(TMXDate.format(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(TMXDate.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(TMXDate.parse("20001399T000000Z") == nil)
        #expect(TMXDate.parse("garbage") == nil)
    }
}

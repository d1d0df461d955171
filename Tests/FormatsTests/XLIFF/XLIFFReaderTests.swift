import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct XLIFFReaderTests {
    @Test func xliff12UnitsInlineCodesAndSkips() throws {
        let (units, summary) = try readAll(fixture("sample12.xlf"))
        #expect(units.map(\.id) == ["1", "2"])
        #expect(units[0].source == "Open File" && units[0].target == "파일 열기")
        #expect(units[0].context == "menu.open" && units[0].notes == ["Menu item"])
        #expect(units[0].sourceLanguage.code == "en-US" && units[0].targetLanguage.code == "ko-KR")
        #expect(units[1].source == "Click <g id=\"1\">Save</g> to <x id=\"2\"/>keep %s <i>now</i>.")
        #expect(units[1].target == "<g id=\"1\">저장</g>을 눌러 <x id=\"2\"/>%s <i>지금</i> 유지하세요.")
        #expect(summary.read == 2)
        #expect(summary.skipped == ["untranslated": 2, "fuzzy": 1, "not translatable": 1])
        let (withFuzzy, _) = try readAll(fixture("sample12.xlf"), ReadOptions(includeFuzzy: true))
        #expect(withFuzzy.contains { $0.target == "검토 필요" && $0.properties == [.init(type: "x-xliff-state", value: "needs-review-translation")] })
    }

    /// A unit inside a unit (no schema allows it; files have it): both are read whole.
    @Test(arguments: [
        """
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="ko" datatype="plaintext"><body>
        <trans-unit id="1"><source>Outer</source><trans-unit id="9"><source>Inner</source><target>안</target></trans-unit><target>제품 정보</target></trans-unit>
        <trans-unit id="2"><source>Last unit</source><target>마지막</target></trans-unit></body></file></xliff>
        """,
        """
        <xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ko"><file id="f">
        <unit id="1"><segment><source>Outer</source><target>제품 정보</target></segment><unit id="9"><segment><source>Inner</source><target>안</target></segment></unit></unit>
        <unit id="2"><segment><source>Last unit</source><target>마지막</target></segment></unit></file></xliff>
        """,
    ])
    func aUnitNestedInAUnitLosesNeither(xml: String) throws {
        let dir = TempDir()
        let (units, summary) = try readAll(dir.write("nested.xlf", xml))
        #expect(Set(units.map(\.source)) == ["Outer", "Inner", "Last unit"])
        #expect(units.first { $0.source == "Outer" }?.target == "제품 정보")
        #expect(summary.read == 3)
    }

    @Test func xliff20SegmentsAndOriginalData() throws {
        let (units, summary) = try readAll(fixture("sample20.xlf"))
        #expect(units.map(\.id) == ["u1/s1", "u1/s2", "u2"])
        #expect(units.map(\.target) == ["안녕하세요.", "환영합니다!", "<b>새</b> 메시지 {count}개<ph id=\"3\"/>™"])
        #expect(units[2].source == "You have <b>new</b> {count} messages<ph id=\"3\"/>™")
        #expect(units[0].context == "greeting" && units[0].notes == ["Shown at start"])
        #expect(units[0].sourceLanguage == en && units[0].targetLanguage == ko)
        #expect(summary.skipped == ["fuzzy": 1, "untranslated": 1])
    }

    /// For the translation memory (`keepsInlineCodes`), codes come as codes with their native
    /// content (1.2 `ph`/`bpt`/`ept` text, 2.0 `originalData`), text as text.
    @Test func inlineCodesAreKeptAsCodes() throws {
        let keep = ReadOptions(keepsInlineCodes: true)
        let (u12, _) = try readAll(fixture("sample12.xlf"), keep)
        #expect(CodedText.decode(u12[1].source) == [
            .text("Click "), .code(InlineCode(.open, id: "1")), .text("Save"), .code(InlineCode(.close, id: "1")), .text(" to "),
            .code(InlineCode(.standalone, id: "2")), .text("keep "), .code(InlineCode(.standalone, id: "3", native: "%s")), .text(" "),
            .code(InlineCode(.open, id: "4", native: "<i>")), .text("now"), .code(InlineCode(.close, id: "4", native: "</i>")), .text("."),
        ])
        #expect(CodedText.native(u12[1].target) == "저장을 눌러 %s <i>지금</i> 유지하세요.")
        #expect(CodedText.codes(u12[1].target).map(\.kind) == [.open, .close, .standalone, .standalone, .open, .close])
        let (u20, _) = try readAll(fixture("sample20.xlf"), keep)
        #expect(CodedText.decode(u20[2].source) == [
            .text("You have "), .code(InlineCode(.open, id: "1", native: "<b>")), .text("new"), .code(InlineCode(.close, id: "1", native: "</b>")),
            .text(" "), .code(InlineCode(.standalone, id: "2", native: "{count}")), .text(" messages"), .code(InlineCode(.standalone, id: "3")), .text("™"),
        ])
        // Without the option, as before: the native content as text.
        let (plain, _) = try readAll(fixture("sample20.xlf"))
        #expect(!CodedText.hasCodes(plain[2].source))
    }

    @Test func sdlxliffSegmentMarkersAreTransparent() throws {
        let (units, _) = try readAll(fixture("sample.sdlxliff"))
        #expect(units.map(\.source) == ["Print the page."])
        #expect(units.map(\.target) == ["페이지를 인쇄합니다."])
    }

    @Test func optionsCanReverseThePair() throws {
        let (units, _) = try readAll(fixture("sample20.xlf"), ReadOptions(sourceLanguage: ko, targetLanguage: en))
        #expect(units.first?.source == "안녕하세요." && units.first?.sourceLanguage == ko)
    }

    @Test func languageErrors() {
        let dir = TempDir()
        let bad = dir.write("bad.xlf", "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"qq\">\n<file id=\"f\"/></xliff>\n")
        guard case .language(_, 1, _, "qq", _)? = formatError({ _ = try readAll(bad) }) else { Issue.record("expected a language error"); return }
        let none = dir.write("none.xlf", "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit></body></file></xliff>")
        #expect(formatError { _ = try readAll(none) } == .missingLanguage(file: none, side: "source"))
        let (units, _) = (try? readAll(none, ReadOptions(sourceLanguage: en, targetLanguage: ko))) ?? ([], .init())
        #expect(units.map(\.target) == ["b"])
        let other = dir.write("other.xlf", "<xliff version=\"2.0\" srcLang=\"en\" trgLang=\"ko\"/>")
        guard case .language? = formatError({ _ = try readAll(other, ReadOptions(sourceLanguage: .init("de")!)) }) else { Issue.record("expected a mismatch error"); return }
    }

    @Test func malformedXLIFFIsAnError() {
        let dir = TempDir()
        let path = dir.write("bad.xlf", "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"ko\"><body>\n<trans-unit id=\"1\"><source>a &bogus; b</source></trans-unit></body></file></xliff>")
        guard case let .malformedXML(_, line, _, reason)? = formatError({ _ = try readAll(path) }) else { Issue.record("expected an error"); return }
        #expect(line == 3 && reason.lowercased().contains("entity"))
    }

    @Test func externalEntityIsRefused() {
        let dir = TempDir()
        let path = dir.write("xxe.xlf", "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"ko\"><body>\n<trans-unit id=\"1\"><source>a</source><target>b &xxe;</target></trans-unit></body></file></xliff>")
        guard case let .refusedXML(file, line, _, reason)? = formatError({ _ = try readAll(path) }) else { Issue.record("not refused"); return }
        #expect(file == path && line == 2 && reason == "external entity 'xxe' is not allowed (never fetched)")
    }
}

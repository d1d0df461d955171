import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct POWriterTests {
    static let msgfmt: String? = TMXInteropTests.which("msgfmt")

    @Test func unchangedWhenNothingIsFilled() throws {
        let dir = TempDir()
        let out = dir.path + "/out.po"
        let summary = try POWriter.fill(fixture("sample.po"), to: out) { _ in nil }
        #expect(summary.entries == 7 && summary.filled == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: fixture("sample.po"))))
    }

    @Test func fillsMsgstrAndSetsOrClearsFuzzy() throws {
        let dir = TempDir()
        let out = dir.path + "/out.po"
        let summary = try POWriter.fill(fixture("sample.po"), to: out) { entry in
            switch entry.msgid {
            case "Untranslated": return .init("번역 안 됨\n두 번째 \"줄\"", fuzzy: true)
            case "New text": return .init("새 텍스트", fuzzy: false)
            case "%d item": return .init("항목 %d개", fuzzy: false)
            case "Open File": return .init("파일 열기", fuzzy: true)
            default: return nil
            }
        }
        #expect(summary == .init(entries: 7, filled: 4, fuzzy: 2))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("#: src/main.c:30\n#, fuzzy\nmsgid \"Untranslated\"\nmsgstr \"\"\n\"번역 안 됨\\n\"\n\"두 번째 \\\"줄\\\"\"\n"))
        #expect(text.contains("\nmsgid \"New text\"\nmsgstr \"새 텍스트\"\n"))
        #expect(!text.contains("#| msgid \"Old text\""))
        #expect(text.contains("#, c-format\nmsgid \"%d item\"\nmsgid_plural \"%d items\"\nmsgstr[0] \"항목 %d개\"\n"))
        #expect(text.contains("#: src/main.c:10 src/menu.c:22\n#, fuzzy\nmsgid \"Open File\""))
        #expect(text.contains("#~ msgid \"Obsolete entry\""))
        // Read back: the filled, non-fuzzy entries are there.
        let (units, summary2) = try readAll(out)
        #expect(units.contains { $0.source == "New text" && $0.target == "새 텍스트" })
        #expect(units.contains { $0.source == "%d item" && $0.target == "항목 %d개" })
        #expect(summary2.skipped["fuzzy"] == 2)
        let (all, _) = try readAll(out, ReadOptions(includeFuzzy: true))
        #expect(all.contains { $0.source == "Untranslated" && $0.target == "번역 안 됨\n두 번째 \"줄\"" })
    }

    @Test func fillsInPlace() throws {
        let dir = TempDir()
        let path = dir.path + "/in.po"
        try FileManager.default.copyItem(atPath: fixture("sample.po"), toPath: path)
        try POWriter.fill(path, to: path) { $0.msgid == "Untranslated" ? .init("번역됨") : nil }
        let (units, _) = try readAll(path)
        #expect(units.contains { $0.source == "Untranslated" && $0.target == "번역됨" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["in.po"])
    }

    @Test(.enabled(if: POWriterTests.msgfmt != nil))
    func outputPassesMsgfmtCheck() throws {
        let dir = TempDir()
        let out = dir.path + "/out.po"
        try POWriter.fill(fixture("sample.po"), to: out) { entry in
            entry.isTranslated ? nil : .init(entry.msgid.replacingOccurrences(of: "Untranslated", with: "번역됨"), fuzzy: false)
        }
        let (status, _) = try TMXInteropTests.run(Self.msgfmt!, ["--check", "-o", "/dev/null", out])
        #expect(status == 0)
        // And msgfmt does catch a broken format string, so the check can fail.
        let broken = dir.path + "/broken.po"
        try POWriter.fill(fixture("sample.po"), to: broken) { $0.msgid == "%d item" ? .init("항목 %s개") : nil }
        let (status2, _) = try TMXInteropTests.run(Self.msgfmt!, ["--check", "-o", "/dev/null", broken])
        #expect(status2 != 0)
    }
}

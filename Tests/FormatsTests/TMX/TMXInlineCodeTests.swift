import Foundation
import Testing
@testable import Formats
import TMCore

/// TMX inline codes kept as codes (`ReadOptions.keepsInlineCodes`) and written back as level 2.
@Suite struct TMXInlineCodeTests {
    static let tmx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="rtf"/>
    <body>
    <tu tuid="1"><tuv xml:lang="en"><seg><bpt i="1">{\\b </bpt>Warning<ept i="1">}</ept>: disk <ph x="2">\\tab</ph>full</seg></tuv>
    <tuv xml:lang="ko"><seg><bpt i="1">{\\b </bpt>경고<ept i="1">}</ept>: 디스크<ph x="2">\\tab</ph>가득 참</seg></tuv></tu>
    <tu tuid="2"><tuv xml:lang="en"><seg>Warning: disk full</seg></tuv><tuv xml:lang="ko"><seg>경고: 디스크 가득 참</seg></tuv></tu>
    <tu tuid="3"><tuv xml:lang="en"><seg><ph x="1"/>Next<it pos="begin" x="2">&lt;a&gt;</it> page<ut>{\\i}</ut></seg></tuv>
    <tuv xml:lang="ko"><seg><ph x="1"/>다음<it pos="begin" x="2">&lt;a&gt;</it> 쪽<ut>{\\i}</ut></seg></tuv></tu>
    <tu tuid="4"><tuv xml:lang="en"><seg><hi type="bold">Bold</hi> text</seg></tuv><tuv xml:lang="ko"><seg><hi type="bold">굵은</hi> 글</seg></tuv></tu>
    </body></tmx>
    """

    static func read(keep: Bool) throws -> [TranslationUnit] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-codes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/codes.tmx"
        try Data(tmx.utf8).write(to: URL(fileURLWithPath: path))
        return try TMXReader().readAll(path, options: ReadOptions(keepsInlineCodes: keep)).units
    }

    @Test func codesAreKeptTypedWithTheirNativeContent() throws {
        let units = try Self.read(keep: true)
        #expect(units.count == 4)
        #expect(CodedText.codes(units[0].source) == [InlineCode(.open, id: "1", native: "{\\b "), InlineCode(.close, id: "1", native: "}"),
                                                    InlineCode(.standalone, id: "2", native: "\\tab")])
        #expect(CodedText.plain(units[0].source) == "Warning: disk full")
        // The tagged unit is not the untagged one.
        #expect(units[0].source != units[1].source)
        // Trados-style empty codes, `it` and `ut` are kept.
        #expect(CodedText.codes(units[2].source).map(\.kind) == [.standalone, .isolatedOpen, .standalone])
        #expect(CodedText.codes(units[2].source)[0].native.isEmpty)
        #expect(CodedText.codes(units[3].target).map(\.kind) == [.open, .close])
    }

    @Test func withoutKeepingTheNativeContentJoinsTheText() throws {
        let units = try Self.read(keep: false)
        #expect(units[0].source == "{\\b Warning}: disk \\tabfull")
    }

    @Test func level2WritesTheCodesBackAndLevel1LeavesThemOut() throws {
        let units = try Self.read(keep: true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-codes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for level in [TMXWriter.CodeLevel.two, .one] {
            let path = dir + "/out\(level.rawValue).tmx"
            var w = try TMXWriter(path: path, sourceLanguage: .english, codeLevel: level)
            for u in units { try w.write(u) }
            try w.finish()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if level == .two {
                #expect(text.contains("<seg><bpt i=\"1\">{\\b </bpt>Warning<ept i=\"1\">}</ept>: disk <ph x=\"2\">\\tab</ph>full</seg>"))
                #expect(text.contains("<seg><ph x=\"1\"></ph>Next<it pos=\"begin\" x=\"2\">&lt;a&gt;</it> page<ph>{\\i}</ph></seg>"))
                // Read back, the codes are the same.
                let again = try TMXReader().readAll(path, options: ReadOptions(keepsInlineCodes: true)).units
                #expect(again.map { CodedText.codes($0.source).map(\.native) } == units.map { CodedText.codes($0.source).map(\.native) })
                #expect(again.map { CodedText.plain($0.target) } == units.map { CodedText.plain($0.target) })
            } else {
                #expect(text.contains("<seg>Warning: disk full</seg>"))
                #expect(!text.contains("<bpt") && !text.contains("<ph"))
            }
        }
    }
}

import Foundation
import Testing

/// OmegaT's console-translate pre-translates an HTML document from the level-2 TMX that
/// `tmkit tm export` writes: the memory's inline codes (imported from a TMX with
/// `bpt`/`ept`/`ph`) come back as codes OmegaT pairs with the document's own tags, so the
/// target HTML has the Korean with its markup in place. Skips when OmegaT is not installed
/// (Debian `omegat`; Benchmarks/interop_tmx.sh installs it).
@Suite(.serialized) struct TMExportOmegaTTests {
    static let omegat: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/omegat"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    /// The memory: segments with paired and standalone codes, and one without.
    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="peer" creationtoolversion="1" segtype="paragraph" o-tmf="x" adminlang="en" srclang="en" datatype="html"/>
          <body>
            <tu><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to keep your changes.</seg></tuv>
                <tuv xml:lang="ko"><seg>변경 사항을 유지하려면 <bpt i="1">&lt;b&gt;</bpt>저장<ept i="1">&lt;/b&gt;</ept>을 누르세요.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Read the <bpt i="1">&lt;i&gt;</bpt>manual<ept i="1">&lt;/i&gt;</ept> first.</seg></tuv>
                <tuv xml:lang="ko"><seg>먼저 <bpt i="1">&lt;i&gt;</bpt>설명서<ept i="1">&lt;/i&gt;</ept>를 읽으십시오.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>See <ph x="1">&lt;img src="a.png"&gt;</ph> here.</seg></tuv>
                <tuv xml:lang="ko"><seg>여기 <ph x="1">&lt;img src="a.png"&gt;</ph> 보기.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Open File</seg></tuv><tuv xml:lang="ko"><seg>파일 열기</seg></tuv></tu>
          </body>
        </tmx>
        """

    static let html = """
        <html><head><title>t</title></head><body>
        <p>Click <b>Save</b> to keep your changes.</p>
        <p>Read the <i>manual</i> first.</p>
        <p>See <img src="a.png"> here.</p>
        <p>Open File</p>
        <p>This sentence is not in the memory.</p>
        </body></html>
        """

    static let preferences = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <omegat>
          <preference version="1.0">
            <ext_tmx_show_level2>true</ext_tmx_show_level2>
          </preference>
        </omegat>
        """

    @Test(.enabled(if: TMExportOmegaTTests.omegat != nil))
    func omegaTTranslatesWithTheExportedLevel2Codes() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let input = dir.appendingPathComponent("peer.tmx")
        try Data(Self.tmx.utf8).write(to: input)
        let store = dir.appendingPathComponent("m.sqlite").path
        let imported = try TMKitProcess.run(["tm", "import", "--tm", store, input.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let project = dir.appendingPathComponent("project").path
        for sub in ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"] {
            try FileManager.default.createDirectory(atPath: "\(project)/\(sub)", withIntermediateDirectories: true)
        }
        let exported = project + "/tm/auto/tmkit.tmx"
        let export = try TMKitProcess.run(["tm", "export", "--tm", store, "-o", exported])
        #expect(export.status == 0, "\(export.stderr)")
        let tmxText = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(tmxText.contains("<bpt i=\"1\">&lt;b&gt;</bpt>") && tmxText.contains("<ph"), "not level 2:\n\(tmxText)")
        // The project file the FormatsTests OmegaT check uses (en → ko, paragraph segmentation).
        let projectFile = TMKitProcess.root.appendingPathComponent("Tests/FormatsTests/Fixtures/omegat-en-ko.project").path
        try FileManager.default.copyItem(atPath: projectFile, toPath: project + "/omegat.project")
        try Self.html.write(toFile: project + "/source/doc.html", atomically: true, encoding: .utf8)
        // OmegaT reads an external TMX's level-2 codes only with this option on (off, it drops them).
        let config = dir.appendingPathComponent("config").path
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try Self.preferences.write(toFile: config + "/omegat.prefs", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.omegat!)
        p.arguments = ["--mode=console-translate", "--config-dir=\(config)", "--disable-project-locking", "--no-team", project]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let target = try String(contentsOfFile: project + "/target/doc.html", encoding: .utf8)
        #expect(target.contains("<p>변경 사항을 유지하려면 <b>저장</b>을 누르세요.</p>"), "\(target)")
        #expect(target.contains("<p>먼저 <i>설명서</i>를 읽으십시오.</p>"), "\(target)")
        #expect(target.contains("<p>여기 <img src=\"a.png\"> 보기.</p>"), "\(target)")
        #expect(target.contains("<p>파일 열기</p>"), "\(target)")
        #expect(target.contains("<p>This sentence is not in the memory.</p>"), "\(target)")
    }
}


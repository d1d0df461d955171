import Foundation
import Testing

/// tmkit's glossary files read by the peers that must read them: translate-toolkit's `tbxfile`
/// (python `translate.storage.tbx`) and OmegaT 3.6's `GlossaryReaderTBX` and
/// `GlossaryReaderTSV` (through `Peers/OmegaTGlossaryReader.java` on Debian's OmegaT.jar), each
/// loading every term of `tmkit glossary export`. A peer that is not installed skips its test
/// with the reason (.ci/run installs both).
@Suite struct GlossaryPeerReaderTests {
    static let omegaTJar = "/usr/share/omegat/OmegaT.jar"
    static let harness = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/OmegaTGlossaryReader.java").path

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let t = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !t.isFinished { usleep(1000) }
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static let hasTranslateToolkit: Bool = {
        guard let py = which("python3") else { return false }
        return (try? run(py, ["-c", "import translate.storage.tbx"]).status) == 0
    }()

    static let hasOmegaT: Bool = which("java") != nil && FileManager.default.fileExists(atPath: omegaTJar)

    /// Synonyms, statuses, a part of speech, markup characters and a subject field: what a
    /// terminologist's TBX-Basic file carries.
    static let input = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="ko" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><titleStmt><title>UI terms</title></titleStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="c1">
          <descrip type="subjectField">Software UI</descrip>
          <langSec xml:lang="ko">
            <termSec><term>설정</term><termNote type="partOfSpeech">noun</termNote><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
          </langSec>
          <langSec xml:lang="en">
            <termSec><term>settings</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
            <termSec><term>preferences</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
            <termSec><term>setup</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
          </langSec>
        </conceptEntry>
        <conceptEntry id="c2">
          <langSec xml:lang="ko"><termSec><term>연구 &amp; 개발</term></termSec><termSec><term>R&amp;D</term></termSec></langSec>
          <langSec xml:lang="en"><termSec><term>research &amp; development</term></termSec><termSec><term>R&amp;D &lt;team&gt;</term></termSec></langSec>
        </conceptEntry>
        <conceptEntry id="c3">
          <langSec xml:lang="ko"><termSec><term>바탕 화면</term></termSec></langSec>
          <langSec xml:lang="en"><termSec><term>desktop</term></termSec></langSec>
        </conceptEntry>
      </body></text>
    </tbx>
    """

    /// Every term of the input: language, text, status (TBX picklist value or "").
    static let terms: Set<[String]> = [
        ["ko", "설정", "preferredTerm-admn-sts"], ["en", "settings", "preferredTerm-admn-sts"],
        ["en", "preferences", "admittedTerm-admn-sts"], ["en", "setup", "deprecatedTerm-admn-sts"],
        ["ko", "연구 & 개발", ""], ["ko", "R&D", ""], ["en", "research & development", ""], ["en", "R&D <team>", ""],
        ["ko", "바탕 화면", ""], ["en", "desktop", ""],
    ]

    /// tmkit's TBX 2008 export of the input.
    static func export(_ name: String, _ extra: [String] = []) throws -> String {
        let dir = TMKitProcess.temporaryDirectory()
        let input = dir.appendingPathComponent("in.tbx")
        try Data(Self.input.utf8).write(to: input)
        let out = dir.appendingPathComponent(name).path
        let r = try TMKitProcess.run(["glossary", "export", "--glossary", input.path, out] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    @Test(.enabled(if: GlossaryPeerReaderTests.hasTranslateToolkit, "translate-toolkit is not installed (pip install translate-toolkit)"))
    func translateToolkitLoadsEveryTermOfTheTBX2008Export() throws {
        let file = try Self.export("out.tbx", ["--dialect", "tbx2008"])
        let script = """
        import sys
        from translate.storage import tbx
        store = tbx.tbxfile.parsefile(open(sys.argv[1], 'rb'))
        print(len(store.units))
        for unit in store.units:
            for node in unit.getlanguageNodes():
                lang = node.get('{http://www.w3.org/XML/1998/namespace}lang')
                for term in unit._get_terms(node):
                    print(lang, term.text, term.administrative_status or '', sep='\\t')
        """
        let r = try Self.run(Self.which("python3")!, ["-c", script, file])
        #expect(r.status == 0, "\(r.stderr)")
        var lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.removeFirst() == "3")
        let read = Set(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) })
        #expect(read == Self.terms)
        #expect(lines.count == Self.terms.count)
    }

    @Test(.enabled(if: GlossaryPeerReaderTests.hasOmegaT, "OmegaT 3.6 (Debian omegat, /usr/share/omegat/OmegaT.jar) or java is not installed"))
    func omegaTLoadsEveryTermOfTheTBX2008Export() throws {
        let file = try Self.export("out.tbx", ["--dialect", "tbx2008"])
        let r = try Self.run(Self.which("java")!, ["-cp", Self.omegaTJar, Self.harness, "tbx", file, "ko", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        // OmegaT pairs every Korean term of a concept with every English one.
        var expected = Set<String>()
        for c in [(["설정"], ["settings", "preferences", "setup"]), (["연구 & 개발", "R&D"], ["research & development", "R&D <team>"]), (["바탕 화면"], ["desktop"])] {
            for s in c.0 { for t in c.1 { expected.insert("\(s)\t\(t)") } }
        }
        let read = r.stdout.split(separator: "\n").map(String.init)
        #expect(Set(read) == expected, "\(r.stdout)")
    }

    @Test(.enabled(if: GlossaryPeerReaderTests.hasOmegaT, "OmegaT 3.6 (Debian omegat, /usr/share/omegat/OmegaT.jar) or java is not installed"))
    func omegaTReadsTheTxtExportBack() throws {
        let file = try Self.export("glossary.txt")
        let r = try Self.run(Self.which("java")!, ["-cp", Self.omegaTJar, Self.harness, "tsv", file, "ko", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        // The .txt layout holds the usable pairs: the deprecated `setup` is left out.
        let expected: Set<String> = ["설정\tsettings", "설정\tpreferences", "연구 & 개발\tresearch & development", "연구 & 개발\tR&D <team>",
                                     "R&D\tresearch & development", "R&D\tR&D <team>", "바탕 화면\tdesktop"]
        #expect(Set(r.stdout.split(separator: "\n").map(String.init)) == expected, "\(r.stdout)")
    }
}

import Foundation
import Testing
@testable import Formats
import TMCore

/// XML input is untrusted: no external entities, no DTD fetching, bombs refused, errors located.
@Suite struct TMXSafetyTests {
    func tmx(_ seg: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(prolog)<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
        <body><tu><tuv xml:lang="en"><seg>\(seg)</seg></tuv><tuv xml:lang="ko"><seg>번역</seg></tuv></tu></body></tmx>
        """
    }

    @Test func externalEntityDeclarationIsRefused() throws {
        let dir = TempDir()
        let secret = dir.write("secret.txt", "TOP-SECRET-CONTENT")
        let path = dir.write("xxe.tmx", tmx("a&xxe;b", prolog: "<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>\n"))
        var seen = 0
        let e = formatError { _ = try TMXReader().read(path, options: .init()) { _ in seen += 1 } }
        guard case let .refusedXML(file, line, _, reason)? = e else { Issue.record("not refused: \(String(describing: e))"); return }
        #expect(file == path && line == 2 && reason == "external entity 'xxe' is not allowed (never fetched)")
        #expect(seen == 0)
        #expect(e!.description.hasPrefix("\(path):2:") && !e!.description.contains("\n"))
        #expect(!(e?.description.contains("TOP-SECRET") ?? true))
    }

    @Test func externalParameterEntityIsRefused() throws {
        let dir = TempDir()
        let ext = dir.write("ext.dtd", "<!ENTITY leak \"LEAKED-BY-PE\">")
        let path = dir.write("pe.tmx", tmx("x&leak;", prolog: "<!DOCTYPE tmx [<!ENTITY % ext SYSTEM \"file://\(ext)\"> %ext;]>\n"))
        guard case let .refusedXML(file, line, _, reason)? = formatError({ _ = try readAll(path) }) else { Issue.record("not refused"); return }
        #expect(file == path && line == 2 && reason == "external parameter entity '%ext' is not allowed (never fetched)")
    }

    /// PUBLIC and unparsed (NDATA) entities, an external entity declared by a parameter entity's
    /// text, UTF-16 files and a DOCTYPE far into the file are refused too.
    @Test(arguments: [
        ("<!DOCTYPE tmx [\n  <!ENTITY pub PUBLIC \"-//X//Y\" \"http://example.com/y\">\n]>\n", 3, "external entity 'pub'"),
        ("<!DOCTYPE tmx [<!ENTITY pic SYSTEM \"x.gif\" NDATA gif>]>\n", 2, "external entity 'pic'"),
        ("<!DOCTYPE tmx [<!ENTITY % p PUBLIC \"-//X//Y\" \"y.dtd\">]>\n", 2, "external parameter entity '%p'"),
        ("<!DOCTYPE tmx [<!ENTITY % d \"<!ENTITY x SYSTEM 'file:///etc/passwd'>\"> <!-- c --> %d;]>\n", nil, "external entity 'x'"),
        ("<!DOCTYPE tmx [<!ENTITY ok \"fine\"><!ATTLIST seg a CDATA \"]>\"><!ENTITY e SYSTEM \"e\">]>\n", 2, "external entity 'e'"),
    ])
    func otherExternalEntitiesAreRefused(prolog: String, line: Int?, reason: String) throws {
        let dir = TempDir()
        let path = dir.write("x.tmx", tmx("x", prolog: prolog))
        guard case let .refusedXML(file, l, _, r)? = formatError({ _ = try readAll(path) }) else { Issue.record("not refused"); return }
        #expect(file == path && (line == nil || l == line) && r == reason + " is not allowed (never fetched)")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(tmx("x", prolog: prolog).data(using: .utf16LittleEndian)!)
        let path16 = dir.write("x16.tmx", utf16)
        guard case let .refusedXML(file16, l16, _, r16)? = formatError({ _ = try readAll(path16) }) else { Issue.record("UTF-16 not refused"); return }
        #expect(file16 == path16 && l16 == l && r16 == r)
    }

    @Test func aDeclarationPastTheFirstChunkIsFound() throws {
        let dir = TempDir()
        let comment = "<!-- " + String(repeating: "long comment ", count: 12_000) + " -->\n"
        let path = dir.write("far.tmx", tmx("x", prolog: comment + "<!DOCTYPE tmx [<!ENTITY e SYSTEM \"e\">]>\n"))
        guard case let .refusedXML(_, line, _, reason)? = formatError({ _ = try readAll(path) }) else { Issue.record("not refused"); return }
        #expect(line == 3 && reason.hasPrefix("external entity 'e' is not allowed"))
    }

    @Test func internalEntitiesAndAnExternalDTDReferenceStillImport() throws {
        let dir = TempDir()
        let path = dir.write("ok.tmx", tmx("x &co; y", prolog: "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\" [<!ENTITY co \"ACME\"> <!ATTLIST tu note CDATA \"SYSTEM\">]>\n"))
        let (units, _) = try readAll(path)
        #expect(units.map(\.source) == ["x ACME y"])
        let text = dir.write("text.tmx", tmx("&lt;!ENTITY x SYSTEM \"y\"&gt;"))
        #expect(try readAll(text).0.map(\.source) == ["<!ENTITY x SYSTEM \"y\">"])
    }

    @Test func externalDTDIsNotFetched() throws {
        let dir = TempDir()
        // A DTD that would define &ent; if it were loaded; the file must not be read.
        let dtd = dir.write("evil.dtd", "<!ENTITY ent \"FROM-DTD\">")
        let path = dir.write("dtd.tmx", tmx("x", prolog: "<!DOCTYPE tmx SYSTEM \"file://\(dtd)\">\n"))
        let (units, _) = try readAll(path)
        #expect(units.map(\.source) == ["x"])
        let path2 = dir.write("dtd2.tmx", tmx("x&ent;", prolog: "<!DOCTYPE tmx SYSTEM \"file://\(dtd)\">\n"))
        if let (units2, _) = try? readAll(path2) { #expect(!units2.contains { $0.source.contains("FROM-DTD") }) }
    }

    @Test func entityExpansionBombIsRefused() {
        let dir = TempDir()
        var decl = "<!DOCTYPE tmx [\n<!ENTITY l0 \"lollollollollollollollollollol\">\n"
        for i in 1...10 { decl += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">\n" }
        decl += "]>\n"
        let path = dir.write("bomb.tmx", tmx("&l10;", prolog: decl))
        let error = formatError { _ = try readAll(path) }
        guard case let .refusedXML(file, line, _, reason)? = error else { Issue.record("bomb not refused: \(String(describing: error))"); return }
        #expect(file == path && line > 0)
        #expect(reason.contains("entity"))
        print("entity bomb: \(error!)")
    }

    @Test func truncatedDocumentIsAnError() throws {
        let dir = TempDir()
        let full = tmx("complete")
        // Cut after the last </tu>: every element seen so far is complete, only the ends are missing.
        let cut = full.range(of: "</tu>")!.upperBound
        let path = dir.write("cut.tmx", String(full[..<cut]))
        var seen = 0
        let error = formatError { _ = try TMXReader().read(path, options: .init()) { _ in seen += 1 } }
        guard case let .malformedXML(file, line, column, reason)? = error else { Issue.record("no error: \(String(describing: error))"); return }
        #expect(file == path && line >= 3 && column > 0)
        #expect(!reason.contains("(null)") && !reason.isEmpty)
        // Mid-tag cuts fail too.
        let path2 = dir.write("cut2.tmx", String(full.prefix(full.count - 60)))
        #expect(formatError { _ = try readAll(path2) } != nil)
    }

    @Test func malformedXMLNamesLineAndColumn() {
        let dir = TempDir()
        let path = dir.write("bad.tmx", "<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n  <tu><tuv xml:lang=\"en\"><seg>a</sgg></tuv></tu>\n</body></tmx>\n")
        let e = formatError { _ = try readAll(path) }
        guard case let .malformedXML(_, line, column, reason)? = e else { Issue.record("no error"); return }
        #expect(line == 4 && column > 20)
        #expect(reason.contains("mismatch"))
        #expect(e!.description.hasPrefix("\(path):4:"))
    }

    @Test func emptyAndNonTMXFilesAreErrors() {
        let dir = TempDir()
        let empty = dir.write("empty.tmx", "")
        #expect(formatError { _ = try readAll(empty) } == .empty(file: empty))
        let other = dir.write("other.tmx", "<html><body>hi</body></html>")
        guard case .malformedXML? = formatError({ _ = try readAll(other) }) else { Issue.record("expected an error"); return }
        let garbage = dir.write("garbage.tmx", Data([0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3]))
        #expect(formatError { _ = try readAll(garbage) } != nil)
    }
}

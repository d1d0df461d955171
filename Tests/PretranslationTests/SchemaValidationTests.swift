import Formats
import Foundation
import Testing
@testable import Pretranslation

/// What `pretranslate` writes validates against the official XLIFF schemas: 1.2 strict, and
/// 2.0 core with the matches module (copies in `Schemas/`, see its NOTICE.md), through libxml2
/// (`XMLSchemaValidator`), which reads nothing but that folder.
@Suite struct SchemaValidationTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas").path
    static let strict12 = schemas + "/xliff-core-1.2-strict.xsd"
    static let transitional12 = schemas + "/xliff-core-1.2-transitional.xsd"
    static let core20 = schemas + "/xliff_2.0_matches.xsd"

    /// Exact, fuzzy, repaired (placeholder and number), source-copy and `xml:space` units.
    static let mixed12 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file original="ui" source-language="en" target-language="ko" datatype="plaintext">
        <body>
          <trans-unit id="a"><source>Open the file.</source></trans-unit>
          <trans-unit id="b"><source>Save the document before closing it.</source></trans-unit>
          <trans-unit id="c"><source>Print <ph id="1">%d</ph> pages</source></trans-unit>
          <trans-unit id="d"><source>Cancel</source><target state="new">Cancel</target></trans-unit>
          <trans-unit id="e" xml:space="preserve"><source>  Open the file.  </source></trans-unit>
          <trans-unit id="f"><source>Print %d pages</source></trans-unit>
          <group id="g"><trans-unit id="h"><source>Nothing like it in the memory at all</source></trans-unit></group>
        </body>
      </file>
    </xliff>
    """

    static let mixed20 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">
      <file id="f">
        <unit id="u1"><segment><source>Open the file.</source></segment></unit>
        <unit id="u2"><notes><note>kept</note></notes><segment><source>Save the document before closing it.</source></segment></unit>
        <unit id="u3"><segment><source>Print %d pages</source></segment><segment><source>Cancel</source><target>Cancel</target></segment></unit>
        <unit id="u4"><segment state="initial"><source>Nothing like it in the memory at all</source></segment></unit>
      </file>
    </xliff>
    """

    private func validate(_ path: String, _ schema: String) throws {
        let problem = try XMLSchemaValidator.problems(in: path, schema: schema)
        #expect(problem == nil, "\(path) against \((schema as NSString).lastPathComponent): \(problem ?? "")\n\(Fixture.read(path))")
    }

    @Test func xliff12OutputsValidateStrict() throws {
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(TagTransferTests.xliff12, "codes.xlf", in: folder)
        Fixture.write(Self.mixed12, "mixed.xlf", in: folder)
        // The inputs are valid to begin with, so a failure below is tmkit's.
        try validate(folder + "/codes.xlf", Self.strict12)
        try validate(folder + "/mixed.xlf", Self.strict12)
        var pretranslator = Fixture.pretranslator(output: out)
        pretranslator.options.approveExact = true
        let report = try pretranslator.run([folder])
        #expect(report.skipped.isEmpty)
        let mixed = Fixture.read(out + "/mixed.xlf")
        // The output does carry what the schema has to accept: fuzzy, repaired and exact fills.
        #expect(mixed.contains("state-qualifier=\"fuzzy-match\"") || mixed.contains("state-qualifier=\"x-tmkit-repaired\""))
        #expect(mixed.contains("<alt-trans"))
        #expect(mixed.contains("approved=\"yes\""))
        for name in ["codes.xlf", "mixed.xlf"] {
            try validate(out + "/" + name, Self.strict12)
            try validate(out + "/" + name, Self.transitional12)
        }
    }

    @Test func xliff20OutputsValidateWithTheMatchesModule() throws {
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(TagTransferTests.xliff20, "codes.xlf", in: folder)
        Fixture.write(Self.mixed20, "mixed.xlf", in: folder)
        try validate(folder + "/codes.xlf", Self.core20)
        try validate(folder + "/mixed.xlf", Self.core20)
        let report = try Fixture.pretranslator(output: out).run([folder])
        #expect(report.skipped.isEmpty)
        #expect(Fixture.read(out + "/mixed.xlf").contains("<mtc:match"))
        for name in ["codes.xlf", "mixed.xlf"] {
            try validate(out + "/" + name, Self.core20)
        }
    }

    /// The validator does reject: a target before its source, a code XLIFF 1.2 lacks, a
    /// 2.0 segment state outside the enumeration, and an unreadable document is an error.
    @Test func invalidDocumentsAreReported() throws {
        let folder = Fixture.folder()
        let bad12 = Fixture.write("""
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body>
        <trans-unit id="1"><target>x</target><source>y</source></trans-unit>
        <trans-unit id="2"><source>a <pc id="1">b</pc></source></trans-unit>
        </body></file></xliff>
        """, "bad12.xlf", in: folder)
        let problem = try #require(try XMLSchemaValidator.problems(in: bad12, schema: Self.strict12))
        #expect(problem.hasPrefix(bad12 + ":2: "), "\(problem)")
        #expect(problem.contains("(and 1 more)"), "\(problem)")
        let bad20 = Fixture.write("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
        <file id="f"><unit id="u"><segment state="done"><source>a</source></segment></unit></file></xliff>
        """, "bad20.xlf", in: folder)
        let p20 = try #require(try XMLSchemaValidator.problems(in: bad20, schema: Self.core20))
        #expect(p20.contains("state"), "\(p20)")
        let broken = Fixture.write("<xliff><file>", "broken.xlf", in: folder)
        #expect(throws: FormatError.self) { try XMLSchemaValidator.problems(in: broken, schema: Self.strict12) }
        #expect(throws: FormatError.self) { try XMLSchemaValidator.problems(in: folder + "/missing.xlf", schema: Self.strict12) }
    }
}

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

    /// Writes `files`, checks they are valid to begin with (so a failure after is tmkit's),
    /// pre-translates them and checks every output against `schemas`; returns the output folder.
    private func pretranslated(_ files: [(name: String, text: String)], schemas: [String], approveExact: Bool = false) throws -> String {
        let folder = Fixture.folder(), out = Fixture.folder()
        for f in files {
            Fixture.write(f.text, f.name, in: folder)
            try validate(folder + "/" + f.name, schemas[0])
        }
        var pretranslator = Fixture.pretranslator(output: out)
        pretranslator.options.approveExact = approveExact
        let report = try pretranslator.run([folder])
        #expect(report.skipped.isEmpty)
        for f in files {
            for schema in schemas { try validate(out + "/" + f.name, schema) }
        }
        return out
    }

    @Test func xliff12OutputsValidateStrict() throws {
        let out = try pretranslated([("codes.xlf", TagTransferTests.xliff12), ("mixed.xlf", Self.mixed12)],
                                    schemas: [Self.strict12, Self.transitional12], approveExact: true)
        // The output does carry what the schema has to accept: fuzzy, repaired and exact fills.
        let mixed = Fixture.read(out + "/mixed.xlf")
        #expect(mixed.contains("state-qualifier=\"fuzzy-match\"") || mixed.contains("state-qualifier=\"x-tmkit-repaired\""))
        #expect(mixed.contains("<alt-trans"))
        #expect(mixed.contains("approved=\"yes\""))
    }

    @Test func xliff20OutputsValidateWithTheMatchesModule() throws {
        let out = try pretranslated([("codes.xlf", TagTransferTests.xliff20), ("mixed.xlf", Self.mixed20)], schemas: [Self.core20])
        #expect(Fixture.read(out + "/mixed.xlf").contains("<mtc:match"))
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

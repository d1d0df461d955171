import Testing
@testable import Formats

@Suite struct POFormatCheckTests {
    @Test(arguments: [
        ("%s of %d", "%d 중 %s", false),        // argument 1 changes type
        ("%s of %d", "%2$d 중 %1$s", true),     // positional: the same arguments
        ("%1$s ... %2$s", "%2$s ... %1$s", true),
        ("%d files", "파일 %i개", true),          // d and i are one type
        ("%ld bytes", "%d 바이트", false),        // long is another
        ("%u", "%x", true),
        ("%*d", "%*i", true),
        ("%s", "", false),
        ("", "%s", false),
        ("100%% done", "100%% 완료", true),
        ("%s and %1$s", "%s", false),            // mixed: not a valid format
        ("%.2f%%", "%.1f%%", true),
    ])
    func cFormatComparesArgumentsByPositionAndType(source: String, target: String, passes: Bool) {
        #expect(POFormatCheck.passes(source, target, flags: ["c-format"]) == passes)
    }

    @Test func pythonFormatComparesNamesAndOrder() {
        #expect(POFormatCheck.passes("%(count)d of %(name)s", "%(name)s의 %(count)d", flags: ["python-format"]))
        #expect(!POFormatCheck.passes("%(count)d", "%(count)s", flags: ["python-format"]))
        #expect(!POFormatCheck.passes("%s of %d", "%d of %s", flags: ["python-format"]))
        #expect(POFormatCheck.passes("{name} {count}", "{count} {name}", flags: ["python-brace-format"]))
        #expect(POFormatCheck.passes("%s of %d", "%d 중 %s", flags: ["no-c-format"]))
    }
}

import Testing
@testable import Segmentation

@Suite struct PlaceholderTests {
    @Test(arguments: ["%s", "%d", "%1$d", "%-10.3f", "%(name)s", "%lld", "%%", "%1", "{0}", "{name}", "{{count}}", "<b>", "</b>", "<br/>", "<a href=\"x>y\">", "&amp;", "&#8230;", "&#x2026;", "${HOME}", "$PATH"])
    func recognisesWholePlaceholder(text: String) {
        let scalars = Array(text.unicodeScalars)
        #expect(Placeholders.spans(in: scalars) == [0..<scalars.count])
    }

    @Test(arguments: ["50% of", "100 %", "a < b", "R&D", "{ }", "$5", "a & b;", "<3"])
    func leavesOrdinaryTextAlone(text: String) {
        #expect(Placeholders.spans(in: Array(text.unicodeScalars)).isEmpty)
    }
}

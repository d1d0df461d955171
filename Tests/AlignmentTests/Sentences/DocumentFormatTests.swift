import Alignment
import Testing

@Suite struct DocumentFormatTests {
    func texts(_ format: DocumentFormat, _ text: String) -> [String] { format.paragraphs(of: text).map(\.text) }
    func roles(_ format: DocumentFormat, _ text: String) -> [DocumentParagraph.Role] { format.paragraphs(of: text).map(\.role) }

    @Test func formatFromExtension() {
        #expect(DocumentFormat(path: "a/guide.MD") == .markdown)
        #expect(DocumentFormat(path: "faq.ko.html") == .html)
        #expect(DocumentFormat(path: "x.htm") == .html)
        #expect(DocumentFormat(path: "notes.txt") == .text)
        #expect(DocumentFormat(path: "README") == .text)
    }

    @Test func plainTextParagraphsAreSeparatedByBlankLines() {
        let text = "First line\nof a wrapped paragraph.\n\n  \nSecond paragraph.\n- a list item\n- another item\n\r\nLast."
        #expect(texts(.text, text) == ["First line of a wrapped paragraph.", "Second paragraph.", "a list item", "another item", "Last."])
        #expect(roles(.text, text) == [.paragraph, .paragraph, .listItem, .listItem, .paragraph])
    }

    @Test func plainTextWithoutBlankLinesIsOneParagraphPerLine() {
        #expect(texts(.text, "One.\nTwo.\r\nThree.") == ["One.", "Two.", "Three."])
    }

    @Test func markdownSyntaxIsStripped() {
        let md = """
        ---
        title: Guide
        ---
        # The *Debian* Guide #

        Install with `apt-get install foo` and read [the manual](https://example.org/m "M").
        It is **free** &amp; fast; snake_case_name stays.

        Setext heading
        ==============

        - first item
        * second item with ![an image](i.png)
        1. numbered item

        > quoted text
        > on two lines

        ```sh
        apt-get update
          apt-get upgrade
        ```

        | Name | Value |
        |------|-------|
        | a    | 1     |

        ***
        [ref]: https://example.org
        Last <b>bold</b> words.
        """
        let paragraphs = MarkdownTestHelper.paragraphs(md)
        #expect(paragraphs.map(\.text) == [
            "The Debian Guide",
            "Install with apt-get install foo and read the manual. It is free & fast; snake_case_name stays.",
            "Setext heading",
            "first item",
            "second item with an image",
            "numbered item",
            "quoted text on two lines",
            "apt-get update\napt-get upgrade",
            "Name Value",
            "a 1",
            "Last bold words.",
        ])
        #expect(paragraphs.map(\.role) == [.heading, .paragraph, .heading, .listItem, .listItem, .listItem, .paragraph, .code,
                                           .paragraph, .paragraph, .paragraph])
    }

    @Test func htmlTextContentWithParagraphsKept() {
        let html = """
        <!DOCTYPE html>
        <html><head><title>Not text</title><style>p { color: red }</style>
        <script>var x = "<p>no</p>";</script></head>
        <body>
        <h1 id="top">Debian &amp; You</h1>
        <p>First paragraph
           with a <a href="x.html">link</a> &ndash; and&nbsp;an entity &#233;&#x20AC; &unknown; AT&T.
        <p>Unclosed paragraph<br>after a break
        <!-- a comment <p> with tags -->
        <ul><li>item one<li><p>item two</p></li></ul>
        <dl><dt>term</dt><dd>definition</dd></dl>
        <table><tr><td>cell 1</td><td>cell 2</td></tr></table>
        <pre>line one
          line two</pre>
        <div>div text <span>inline</span></div>
        <p>2 &lt; 3 is <em>true</em></p>
        </body></html>
        """
        let paragraphs = DocumentFormat.html.paragraphs(of: html)
        #expect(paragraphs.map(\.text) == [
            "Debian & You",
            "First paragraph with a link – and an entity é€ &unknown; AT&T.",
            "Unclosed paragraph",
            "after a break",
            "item one",
            "item two",
            "term",
            "definition",
            "cell 1",
            "cell 2",
            "line one\nline two",
            "div text inline",
            "2 < 3 is true",
        ])
        #expect(paragraphs[0].role == .heading)
        #expect(paragraphs[4].role == .listItem)
        #expect(paragraphs[10].role == .code)
        #expect(paragraphs[12].role == .paragraph)
    }

    @Test func brokenHTMLDoesNotStopTheReader() {
        #expect(texts(.html, "<p>a < b and <p class=\"x>y\">c</p><p>d &#xZZ; e") == ["a < b and", "c", "d &#xZZ; e"])
        #expect(texts(.html, "<p>unterminated <!-- comment") == ["unterminated"])
        #expect(texts(.html, "<p>tag at end <b") == ["tag at end"])
    }
}

enum MarkdownTestHelper {
    static func paragraphs(_ text: String) -> [DocumentParagraph] { DocumentFormat.markdown.paragraphs(of: text) }
}

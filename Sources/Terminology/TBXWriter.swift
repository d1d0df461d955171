import Foundation

/// Writes a glossary as TBX-Basic in the form ISO 30042:2019 defines (`<tbx type="TBX-Basic"
/// style="dca">`, namespace `urn:iso:std:iso:30042:ed-2`).
///
/// Each entry is one `conceptEntry` with a `langSec` per language. Example sentences are
/// `descrip type="context"` in the term sections; the aligner's statistics are a `note` on the
/// concept that starts with `tmkit-alignment:`; a person's note is another `note`.
public enum TBXWriter {
    static let statisticsPrefix = "tmkit-alignment:"

    public static func document(_ glossary: Glossary) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
        <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="\(escape(glossary.sourceLanguage.code))" xmlns="urn:iso:std:iso:30042:ed-2">
          <tbxHeader>
            <fileDesc>
              <titleStmt><title>\(escape(glossary.title))</title></titleStmt>
              <sourceDesc><p>Written by tmkit.</p></sourceDesc>
            </fileDesc>
          </tbxHeader>
          <text>
            <body>

        """
        let source = escape(glossary.sourceLanguage.code), target = escape(glossary.targetLanguage.code)
        for (n, entry) in glossary.entries.enumerated() {
            out += "      <conceptEntry id=\"c\(n + 1)\">\n"
            if let s = entry.statistics {
                let score = String(format: "%.3f", entry.score)
                out += "        <note>\(statisticsPrefix) score=\(score) count=\(s.count) sourceCount=\(s.sourceCount) targetCount=\(s.targetCount)</note>\n"
            } else if entry.score != 1 {
                out += "        <note>\(statisticsPrefix) score=\(String(format: "%.3f", entry.score))</note>\n"
            }
            if let note = entry.note { out += "        <note>\(escape(note))</note>\n" }
            out += langSec(source, entry.source, entry.examples.map(\.source))
            out += langSec(target, entry.target, entry.examples.map(\.target))
            out += "      </conceptEntry>\n"
        }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }

    private static func langSec(_ lang: String, _ term: String, _ contexts: [String]) -> String {
        var s = "        <langSec xml:lang=\"\(lang)\">\n          <termSec>\n            <term>\(escape(term))</term>\n"
        for c in contexts { s += "            <descrip type=\"context\">\(escape(c))</descrip>\n" }
        s += "          </termSec>\n        </langSec>\n"
        return s
    }

    /// XML-escapes text; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

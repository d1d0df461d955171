import Formats
import Foundation

/// Writes a term base as TBX-Basic: the ISO 30042:2019 DCA form (`<tbx type="TBX-Basic"
/// style="dca">`, namespace `urn:iso:std:iso:30042:ed-2`, the default) or the 2008 form
/// (`<martif type="TBX-Basic">`, `termEntry`/`langSet`/`tig`) that translate-toolkit and OmegaT
/// read. Both carry the same data: subject field, definitions (with source), notes,
/// transactions, and per term the status, part of speech, term type, source, contexts and
/// notes. A candidate's evidence and status is a term note `tmkit-alignment: status=candidate
/// score=… count=…`; an example's aligned sentence is a note in the context's `descripGrp`.
public enum TBXWriter {
    public enum Dialect: String, Sendable, CaseIterable { case tbx2019, tbx2008 }

    static let statisticsPrefix = "tmkit-alignment:"
    static let parallelPrefix = "tmkit-parallel:"
    /// The TBX-Basic dialect's current schemas (LTAC-Global/TBX-Basic_dialect, DCA style).
    static let rngURL = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.rng"
    static let schematronURL = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"

    /// The whole document as a string.
    public static func document(_ base: TermBase, dialect: Dialect = .tbx2019) -> String {
        var out = ""
        write(base, dialect: dialect) { out += $0 }
        return out
    }

    /// Writes the document in pieces to `sink` (for large term bases).
    public static func write(_ base: TermBase, dialect: Dialect = .tbx2019, to sink: (String) throws -> Void) rethrows {
        try sink(header(title: base.title, language: base.sourceLanguage.code, dialect: dialect))
        for (n, c) in base.concepts.enumerated() { try sink(concept(c, number: n + 1, dialect: dialect)) }
        try sink(footer(dialect))
    }

    static func header(title: String, language: String, dialect: Dialect) -> String {
        let desc = "<fileDesc>\n      <titleStmt><title>\(XMLEscape.markup(title))</title></titleStmt>\n      <sourceDesc><p>Written by tmkit.</p></sourceDesc>\n    </fileDesc>"
        switch dialect {
        case .tbx2019:
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <?xml-model href="\(rngURL)" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
            <?xml-model href="\(schematronURL)" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="\(XMLEscape.markup(language))" xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                \(desc)
              </tbxHeader>
              <text>
                <body>

            """
        case .tbx2008:
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="\(XMLEscape.markup(language))">
              <martifHeader>
                \(desc)
              </martifHeader>
              <text>
                <body>

            """
        }
    }

    static func footer(_ dialect: Dialect) -> String {
        "    </body>\n  </text>\n</\(dialect == .tbx2019 ? "tbx" : "martif")>\n"
    }

    /// One `conceptEntry` (2019) or `termEntry` (2008).
    static func concept(_ c: Concept, number: Int, dialect: Dialect) -> String {
        let new = dialect == .tbx2019
        let entry = new ? "conceptEntry" : "termEntry", lang = new ? "langSec" : "langSet", termSec = new ? "termSec" : "tig"
        var s = "      <\(entry) id=\"\(XMLEscape.markup(c.id ?? "c\(number)"))\">\n"
        let i1 = "        ", i2 = "          ", i3 = "            "
        if let f = c.subjectField { s += "\(i1)<descrip type=\"subjectField\">\(XMLEscape.markup(f))</descrip>\n" }
        for p in c.properties where p.language == nil { s += i1 + property(p) }
        for n in c.notes { s += "\(i1)<note>\(XMLEscape.markup(n))</note>\n" }
        for t in c.transactions { s += transaction(t, indent: i1) }
        for language in c.languages + c.definitions.map(\.language).filter({ l in !c.languages.contains(l) }) {
            s += "\(i1)<\(lang) xml:lang=\"\(XMLEscape.markup(language.code))\">\n"
            for d in c.definitions where d.language == language {
                if let src = d.source {
                    s += "\(i2)<descripGrp>\n\(i3)<descrip type=\"definition\">\(XMLEscape.markup(d.text))</descrip>\n\(i3)<admin type=\"source\">\(XMLEscape.markup(src))</admin>\n\(i2)</descripGrp>\n"
                } else {
                    s += "\(i2)<descrip type=\"definition\">\(XMLEscape.markup(d.text))</descrip>\n"
                }
            }
            for p in c.properties where p.language == language { s += i2 + property(p) }
            for t in c.terms where t.language == language { s += term(t, element: termSec) }
            s += "\(i1)</\(lang)>\n"
        }
        s += "      </\(entry)>\n"
        return s
    }

    static func term(_ t: Term, element: String) -> String {
        let i2 = "          ", i3 = "            ", i4 = "              "
        var s = "\(i2)<\(element)>\n\(i3)<term>\(XMLEscape.markup(t.text))</term>\n"
        if let p = t.partOfSpeech { s += "\(i3)<termNote type=\"partOfSpeech\">\(p.rawValue)</termNote>\n" }
        if let v = t.status?.tbxValue { s += "\(i3)<termNote type=\"administrativeStatus\">\(v)</termNote>\n" }
        if let tt = t.termType { s += "\(i3)<termNote type=\"termType\">\(XMLEscape.markup(tt))</termNote>\n" }
        for p in t.properties where p.element == "termNote" { s += i3 + property(p) }
        for ctx in t.contexts {
            if ctx.source == nil && ctx.parallel == nil {
                s += "\(i3)<descrip type=\"context\">\(XMLEscape.markup(ctx.text))</descrip>\n"
            } else {
                s += "\(i3)<descripGrp>\n\(i4)<descrip type=\"context\">\(XMLEscape.markup(ctx.text))</descrip>\n"
                if let src = ctx.source { s += "\(i4)<admin type=\"source\">\(XMLEscape.markup(src))</admin>\n" }
                if let par = ctx.parallel { s += "\(i4)<note>\(parallelPrefix) \(XMLEscape.markup(par))</note>\n" }
                s += "\(i3)</descripGrp>\n"
            }
        }
        for p in t.properties where p.element != "termNote" { s += i3 + property(p) }
        if let src = t.source { s += "\(i3)<admin type=\"source\">\(XMLEscape.markup(src))</admin>\n" }
        for n in t.notes { s += "\(i3)<note>\(XMLEscape.markup(n))</note>\n" }
        if let n = AlignmentNote.text(t) { s += "\(i3)<note>\(XMLEscape.markup(n))</note>\n" }
        for tr in t.transactions { s += transaction(tr, indent: i3) }
        s += "\(i2)</\(element)>\n"
        return s
    }

    static func property(_ p: Property) -> String {
        if p.element == "note" { return "<note>\(XMLEscape.markup(p.value))</note>\n" }
        let target = p.target.map { " target=\"\(XMLEscape.markup($0))\"" } ?? ""
        return "<\(p.element) type=\"\(XMLEscape.markup(p.type))\"\(target)>\(XMLEscape.markup(p.value))</\(p.element)>\n"
    }

    static func transaction(_ t: Transaction, indent: String) -> String {
        var s = "\(indent)<transacGrp>\n\(indent)  <transac type=\"transactionType\">\(t.kind.rawValue)</transac>\n"
        if let d = t.date { s += "\(indent)  <date>\(XMLEscape.markup(String(d.prefix(10))))</date>\n" }
        if let u = t.user { s += "\(indent)  <transacNote type=\"responsibility\">\(XMLEscape.markup(u))</transacNote>\n" }
        if let n = t.note { s += "\(indent)  <note>\(XMLEscape.markup(n))</note>\n" }
        s += "\(indent)</transacGrp>\n"
        return s
    }
}

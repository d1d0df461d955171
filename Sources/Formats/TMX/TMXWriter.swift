import Foundation
import TMCore

/// Writes TMX 1.4b, streaming and atomically (a temporary file renamed into place by `finish()`;
/// without `finish()` nothing appears at `path`).
///
/// The header has all seven required attributes; each `tuv` has `xml:lang`; dates are UTC
/// `YYYYMMDDThhmmssZ`. Markup tags in the text (`<b>`) are written, by default, as escaped text
/// (`&lt;b&gt;`): translate-toolkit reads such text back intact and OmegaT matches it exactly
/// against its segments. `.codes` writes them as paired `bpt`/`ept` (or `ph`/`it`) instead.
public struct TMXWriter {
    /// How markup tags inside unit text are written.
    public enum InlineMarkup: Sendable { case text, codes }

    public let path: String
    public let sourceLanguage: LanguageTag
    public let inlineMarkup: InlineMarkup
    /// Units written so far.
    public private(set) var count = 0
    /// Characters dropped because XML 1.0 cannot carry them (control characters).
    public private(set) var droppedCharacters = 0
    /// Units that lost characters that way.
    public private(set) var unitsWithDroppedCharacters = 0
    private let file: AtomicFile

    public init(path: String, sourceLanguage: LanguageTag, creationTool: String = "tmkit", creationToolVersion: String = "0.1",
                segmentType: String = "sentence", dataType: String = "plaintext", adminLanguage: LanguageTag = .english,
                inlineMarkup: InlineMarkup = .text, creationDate: Date? = Date()) throws {
        self.path = path
        self.sourceLanguage = sourceLanguage
        self.inlineMarkup = inlineMarkup
        file = try AtomicFile(path: path)
        let a = { (s: String) in XMLEscape.escape(s, attribute: true).text }
        var header = "<header creationtool=\"\(a(creationTool))\" creationtoolversion=\"\(a(creationToolVersion))\""
        header += " segtype=\"\(a(segmentType))\" o-tmf=\"tmkit\" adminlang=\"\(adminLanguage.code)\""
        header += " srclang=\"\(sourceLanguage.code)\" datatype=\"\(a(dataType))\""
        if let creationDate { header += " creationdate=\"\(TMXDate.format(creationDate))\"" }
        header += "/>"
        try file.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  \(header)\n  <body>\n")
    }

    private mutating func escaped(_ s: String, attribute: Bool = false) -> String {
        let (text, dropped) = XMLEscape.escape(s, attribute: attribute)
        droppedCharacters += dropped
        return text
    }

    private mutating func segment(_ s: String) -> String {
        switch inlineMarkup {
        case .text: return escaped(s)
        case .codes:
            let clean = String(String.UnicodeScalarView(s.unicodeScalars.filter(XMLEscape.isAllowed)))
            droppedCharacters += s.unicodeScalars.count - clean.unicodeScalars.count
            return TMXInlineCodes.encode(clean)
        }
    }

    /// Writes one unit as a `tu` with a `tuv` for each side.
    public mutating func write(_ unit: TranslationUnit) throws {
        let droppedBefore = droppedCharacters
        defer { if droppedCharacters > droppedBefore { unitsWithDroppedCharacters += 1 } }
        var tu = "    <tu"
        if let id = unit.id { tu += " tuid=\"\(escaped(id, attribute: true))\"" }
        if !unit.sourceLanguage.sameLanguage(as: sourceLanguage) { tu += " srclang=\"\(unit.sourceLanguage.code)\"" }
        if let d = unit.created { tu += " creationdate=\"\(TMXDate.format(d))\"" }
        if let c = unit.creator { tu += " creationid=\"\(escaped(c, attribute: true))\"" }
        if let d = unit.changed { tu += " changedate=\"\(TMXDate.format(d))\"" }
        if let c = unit.changer { tu += " changeid=\"\(escaped(c, attribute: true))\"" }
        tu += ">\n"
        for note in unit.notes { tu += "      <note>\(escaped(note))</note>\n" }
        if let context = unit.context { tu += "      <prop type=\"x-context\">\(escaped(context))</prop>\n" }
        for p in unit.properties { tu += "      <prop type=\"\(escaped(p.type, attribute: true))\">\(escaped(p.value))</prop>\n" }
        tu += "      <tuv xml:lang=\"\(unit.sourceLanguage.code)\"><seg>\(segment(unit.source))</seg></tuv>\n"
        tu += "      <tuv xml:lang=\"\(unit.targetLanguage.code)\"><seg>\(segment(unit.target))</seg></tuv>\n"
        tu += "    </tu>\n"
        try file.write(tu)
        count += 1
    }

    /// Closes the document and moves it into place.
    public mutating func finish() throws {
        try file.write("  </body>\n</tmx>\n")
        try file.commit()
    }
}

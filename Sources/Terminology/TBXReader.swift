import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TMCore
import Formats

/// Reads TBX: ISO 30042:2019 (`<tbx>`, `conceptEntry`, `langSec`, `termSec`) and the older
/// 2008 form (`<martif>`, `termEntry`, `langSet`, `tig`/`ntig`). Every pair of a source-language
/// term and a target-language term of one concept becomes a glossary entry.
///
/// The XML is untrusted: a document declaring an external entity is refused, and a document that is not
/// well-formed is an error naming file, line and column (checked even when `parse()` reports
/// success, since libxml2 may return success for a truncated document).
public enum TBXReader {
    public static func read(data: Data, file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> Glossary {
        if let r = XMLEntityGuard.refusal(in: data) {
            throw TerminologyError.refusedXML(file: file, line: r.line, column: r.column, reason: r.reason)
        }
        // The stream form feeds libxml2 in chunks: a whole large document in one buffer trips
        // its 10 MB lookup limit.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let delegate = Delegate()
        parser.delegate = delegate
        let ok = parser.parse()
        if !ok || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? -1
            throw TerminologyError.malformedXML(file: file, line: parser.lineNumber, column: parser.columnNumber, code: code,
                                              reason: reason(code))
        }
        guard let root = delegate.root else {
            throw TerminologyError.malformedXML(file: file, line: 1, column: 1, code: 4, reason: reason(4))
        }
        guard root == "tbx" || root == "martif" else { throw TerminologyError.notTBX(file: file, root: root) }
        // The language pair: the given ones, else the document language and the other one seen.
        let seen = delegate.languages
        let source = sourceLanguage ?? delegate.documentLanguage.flatMap { d in seen.first { $0.sameLanguage(as: d) } } ?? seen.first
        let target = targetLanguage ?? seen.first { l in source.map { !l.sameLanguage(as: $0) } ?? false }
        guard let source, let target else { throw TerminologyError.noLanguages(file: file) }
        var glossary = Glossary(sourceLanguage: source, targetLanguage: target, title: delegate.title ?? (file as NSString).lastPathComponent)
        for concept in delegate.concepts {
            let s = concept.sections.filter { $0.language.sameLanguage(as: source) }.flatMap(\.terms)
            let t = concept.sections.filter { $0.language.sameLanguage(as: target) }.flatMap(\.terms)
            var note: String? = nil, score: Double? = nil, stats: GlossaryEntry.Statistics? = nil
            var notes: [String] = []
            for n in concept.notes {
                let parsed = StatisticsNote.parse(comment: n)
                if parsed.score != nil || parsed.stats != nil { score = parsed.score; stats = parsed.stats }
                if let p = parsed.note { notes.append(p) }
            }
            if !notes.isEmpty { note = notes.joined(separator: "; ") }
            for sourceTerm in s.prefix(8) {
                for targetTerm in t.prefix(8) {
                    let examples = zip(sourceTerm.contexts, targetTerm.contexts).map { GlossaryEntry.Example(source: $0, target: $1) }
                    glossary.entries.append(GlossaryEntry(source: sourceTerm.text, target: targetTerm.text, score: score ?? 1,
                                                          note: note, statistics: stats, examples: examples))
                }
            }
        }
        return glossary
    }

    /// libxml2's error codes for the common cases (the error's own text is empty on Linux).
    static func reason(_ code: Int) -> String {
        switch code {
        case 4: return "document is empty or has no root element"
        case 5: return "document ends too early (truncated)"
        case 9: return "invalid character"
        case 23, 26: return "undefined or unexpected entity"
        case 39, 40, 41: return "bad attribute"
        case 64, 65, 73, 76: return "mismatched or unclosed tag"
        case 68: return "bad name"
        case 89: return "entity expansion limit exceeded"
        case 104: return "too deep"
        case 111: return "bad start of tag or text outside the root element"
        default: return "parse error"
        }
    }

    struct Term { var text = ""; var contexts: [String] = [] }
    struct Section { var language: LanguageTag; var terms: [Term] = [] }
    struct Concept { var sections: [Section] = []; var notes: [String] = [] }

    final class Delegate: NSObject, XMLParserDelegate {
        var root: String?
        var documentLanguage: LanguageTag?
        var title: String?
        var concepts: [Concept] = []
        var languages: [LanguageTag] = []
        private var concept: Concept?
        private var section: Section?
        private var term: Term?
        private var text = ""
        private var capturing = false
        private var stack: [String] = []
        private var descripType: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            if root == nil {
                root = local
                documentLanguage = (attributes["xml:lang"] ?? attributes["lang"]).flatMap(LanguageTag.init)
            }
            stack.append(local)
            switch local {
            case "conceptEntry", "termEntry": concept = Concept()
            case "langSec", "langSet":
                if let code = attributes["xml:lang"] ?? attributes["lang"], let tag = LanguageTag(code) {
                    section = Section(language: tag)
                    if !languages.contains(tag) { languages.append(tag) }
                }
            case "termSec", "tig", "ntig": term = Term()
            case "term", "note", "title":
                text = ""
                capturing = true
            case "descrip":
                descripType = attributes["type"]
                text = ""
                capturing = descripType == "context"
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if capturing { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            if !stack.isEmpty { stack.removeLast() }
            switch local {
            case "term":
                term?.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
                capturing = false
            case "descrip":
                if capturing { term?.contexts.append(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
                capturing = false
            case "note":
                let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !note.isEmpty, concept != nil { concept?.notes.append(note) }
                capturing = false
            case "title":
                if title == nil { title = text.trimmingCharacters(in: .whitespacesAndNewlines) }
                capturing = false
            case "termSec", "tig", "ntig":
                if let t = term, !t.text.isEmpty { section?.terms.append(t) }
                term = nil
            case "langSec", "langSet":
                if let s = section { concept?.sections.append(s) }
                section = nil
            case "conceptEntry", "termEntry":
                if let c = concept { concepts.append(c) }
                concept = nil
            default: break
            }
        }
    }
}

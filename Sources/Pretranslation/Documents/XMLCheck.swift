import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Formats

/// Well-formedness check and safe DOM loading for untrusted XML.
///
/// `XMLDocument` on Linux parses in libxml2's recover mode, so it accepts broken XML; the
/// document is therefore first run through `XMLParser`, which reports the error with its
/// line and column and stops entity-expansion bombs; a document declaring an external entity is
/// refused before that (`XMLEntityGuard`).
enum XMLCheck {
    /// Throws `PretranslationError.malformed` (file, line, column) unless `data` is well-formed
    /// and declares no external entity.
    static func requireWellFormed(_ data: Data, file: String) throws {
        if let r = XMLEntityGuard.refusal(in: data) {
            throw PretranslationError.malformed(file: file, line: r.line, column: r.column, reason: r.reason)
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        let delegate = Delegate()
        parser.delegate = delegate
        let ok = parser.parse()
        // parse() can return true for a truncated document while parserError is set.
        if let error = parser.parserError ?? delegate.error {
            let code = (error as NSError).code
            let line = delegate.errorLine ?? parser.lineNumber
            let column = delegate.errorColumn ?? parser.columnNumber
            throw PretranslationError.malformed(file: file, line: max(line, 1), column: max(column, 1), reason: reason(code))
        }
        if !ok || !delegate.sawRoot {
            throw PretranslationError.malformed(file: file, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                                                reason: delegate.sawRoot ? "not well-formed XML" : "no root element (empty document?)")
        }
    }

    /// The DOM of `data`, checked first; external entities and DTDs are never loaded.
    static func document(_ data: Data, file: String) throws -> XMLDocument {
        try requireWellFormed(data, file: file)
        do {
            return try XMLDocument(data: data, options: [.nodeLoadExternalEntitiesNever, .nodePreserveAll])
        } catch {
            throw PretranslationError.malformed(file: file, line: 1, column: 1, reason: "not well-formed XML")
        }
    }

    /// A readable reason for a libxml2 error code (the error's own description can be `(null)`).
    static func reason(_ code: Int) -> String {
        switch code {
        case 4: return "document is empty"
        case 5: return "document ends too early (unclosed element?)"
        case 9: return "invalid character"
        case 23: return "'>' expected"
        case 26: return "undeclared entity"
        case 27: return "undeclared entity"
        case 38, 39, 40, 41: return "malformed attribute"
        case 68: return "malformed name"
        case 73: return "'>' expected to close the tag"
        case 76: return "end tag does not match the start tag"
        case 77: return "expected a tag"
        case 89: return "entity expansion limit exceeded (entity bomb?)"
        case 104: return "document too deep"
        case 111: return "XML document ends early"
        default: return "not well-formed XML (error \(code))"
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var sawRoot = false
        var error: Error?
        var errorLine: Int?
        var errorColumn: Int?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            sawRoot = true
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if error == nil {
                error = parseError
                errorLine = parser.lineNumber
                errorColumn = parser.columnNumber
            }
        }
    }
}

extension XMLNode {
    /// The element children of this node.
    var elementChildren: [XMLElement] { (children ?? []).compactMap { $0 as? XMLElement } }

    /// The local name (without prefix).
    var local: String {
        if let l = localName { return l }
        let n = name ?? ""
        return n.split(separator: ":").last.map(String.init) ?? n
    }
}

extension XMLElement {
    /// The first element child with local name `name`.
    func child(_ name: String) -> XMLElement? { elementChildren.first { $0.local == name } }

    /// The value of the attribute `name` (qualified name as written).
    func value(of name: String) -> String? {
        (attributes ?? []).first { $0.name == name }?.stringValue
    }

    /// Sets (adds or replaces) an attribute.
    func set(_ name: String, _ value: String) {
        if let a = (attributes ?? []).first(where: { $0.name == name }) {
            a.stringValue = value
        } else {
            addAttribute(XMLNode.attribute(withName: name, stringValue: value) as! XMLNode)
        }
    }

    /// Removes all children and sets the text content.
    func setText(_ text: String) {
        setChildren(nil)
        addChild(XMLNode.text(withStringValue: text) as! XMLNode)
    }

    /// The white space before this element, if the node before it is only white space.
    var leadingWhitespace: String? {
        guard let p = previousSibling, p.kind == .text, let s = p.stringValue,
              s.allSatisfy({ $0.isWhitespace }) else { return nil }
        return s
    }
}

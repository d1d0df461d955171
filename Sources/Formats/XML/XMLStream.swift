import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives the events of an XML file, in order. Errors thrown stop the parse and are rethrown.
public protocol XMLEventHandler: AnyObject {
    /// An element starts; `name` has no namespace prefix; `line`/`column` are where the parser is.
    func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws
    func end(_ name: String) throws
    /// Character data (several calls may make one run of text).
    func text(_ string: String) throws
}

/// The public entry to tmkit's one XML layer: streams the file at `path` to `handler` with the
/// layer's safety settings; any error is a `FormatError` naming the file, line and column.
public enum XMLEvents {
    public static func parse(_ path: String, handler: XMLEventHandler) throws {
        try XMLStream.parse(path, handler: handler)
    }
}

/// Streams an XML file through FoundationXML's `XMLParser` (libxml2's push parser underneath),
/// reading it in chunks, with the safety settings tmkit relies on: a document declaring an external
/// entity is refused before parsing (`XMLEntityGuard`), no DTD is fetched, and libxml2's entity-expansion limit stays on (a "billion laughs"
/// file stops with error 89). Any parser error, even one `parse()` reports as success, becomes a
/// `FormatError.malformedXML` with the file, line and column.
final class XMLStream: NSObject, XMLParserDelegate {
    private let file: String
    private let handler: XMLEventHandler
    private var failure: Error?
    private var firstError: (code: Int, line: Int, column: Int)?
    private weak var parser: XMLParser?
    /// Open elements, and where the last event was (for a document that stops early).
    private var depth = 0
    private var rootClosed = false
    private var lastPosition = (line: 1, column: 1)

    private init(file: String, handler: XMLEventHandler) {
        self.file = file
        self.handler = handler
    }

    /// Parses the file at `path`, sending events to `handler`.
    static func parse(_ path: String, handler: XMLEventHandler) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw FormatError.unreadable(file: path, reason: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path), let stream = InputStream(fileAtPath: path) else {
            throw FormatError.unreadable(file: path, reason: "permission denied")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw FormatError.empty(file: path)
        }
        if let r = try XMLEntityGuard.refusal(inFileAt: path) {
            throw FormatError.refusedXML(file: path, line: r.line, column: r.column, reason: r.reason)
        }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        let me = XMLStream(file: path, handler: handler)
        me.parser = parser
        parser.delegate = me
        let ok = parser.parse()
        parser.delegate = nil
        if let failure = me.failure { throw failure }
        if let e = me.firstError {
            throw FormatError.malformedXML(file: path, line: e.line, column: e.column, reason: reason(for: e.code))
        }
        if let e = parser.parserError as NSError? {
            throw FormatError.malformedXML(file: path, line: parser.lineNumber, column: parser.columnNumber, reason: reason(for: e.code))
        }
        if me.depth > 0 || !me.rootClosed {
            // libxml2's push parser, fed from a stream, may stop at the end of the data without an error.
            throw FormatError.malformedXML(file: path, line: me.lastPosition.line, column: me.lastPosition.column,
                                           reason: me.rootClosed ? reason(for: 5) : "premature end of document (truncated?) (no complete root element)")
        }
        if !ok {
            throw FormatError.malformedXML(file: path, line: parser.lineNumber, column: parser.columnNumber, reason: "the parser stopped")
        }
    }

    private func run(_ f: () throws -> Void) {
        guard failure == nil else { return }
        do { try f() } catch {
            failure = error
            parser?.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
        lastPosition = (parser.lineNumber, parser.columnNumber)
        run { try handler.start(Self.local(elementName), attributes: attributeDict, line: lastPosition.line, column: lastPosition.column) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        if depth == 0 { rootClosed = true }
        lastPosition = (parser.lineNumber, parser.columnNumber)
        run { try handler.end(Self.local(elementName)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        run { try handler.text(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        run { try handler.text(String(decoding: CDATABlock, as: UTF8.self)) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if firstError == nil && failure == nil {
            firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber)
        }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        self.parser(parser, parseErrorOccurred: validationError)
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// A short reason for a libxml2 / XMLParser error code (the error's own description is "(null)").
    static func reason(for code: Int) -> String {
        let known: [Int: String] = [
            1: "internal parser error", 2: "out of memory", 3: "document start error", 4: "document is empty",
            5: "premature end of document (truncated?)", 9: "invalid character", 26: "undeclared entity",
            27: "undeclared entity", 29: "external entity not allowed", 31: "unknown encoding",
            32: "unsupported encoding", 38: "'<' in an attribute value", 39: "attribute value not started",
            40: "attribute value not finished", 41: "attribute without value", 42: "attribute given twice",
            64: "reserved XML name", 65: "space required", 68: "name required", 73: "'>' required",
            76: "end tag does not match the start tag", 77: "tag not finished", 81: "invalid encoding",
            85: "not well-balanced", 86: "extra content at the end of the document",
            89: "entity loop or entity expansion limit exceeded (refused)", 90: "entity boundary error",
            111: "entity expansion amplification limit exceeded (refused)", 512: "parsing aborted",
        ]
        return "\(known[code] ?? "XML error") (code \(code))"
    }
}

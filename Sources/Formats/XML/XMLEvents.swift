import Foundation

/// Receives the events of an XML file, in order. Errors thrown stop the parse and are rethrown.
public protocol XMLEventHandler: AnyObject {
    /// An element starts; `name` has no namespace prefix; attribute keys are qualified names as
    /// written (`xml:lang`); `line`/`column` are where the parser is (just after the start tag).
    func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws
    func end(_ name: String) throws
    /// Character data, entities expanded (several calls may make one run of text; CDATA included).
    func text(_ string: String) throws
    /// A one-line remark about how the file was read (such as a legacy encoding guessed).
    func parserNote(_ message: String)
    /// Whether the handler wants the character data that comes next (false: it is not
    /// decoded, as the whitespace between structural elements need not be).
    var wantsText: Bool { get }
}

extension XMLEventHandler {
    public func parserNote(_ message: String) {}
    public var wantsText: Bool { true }
}

/// The public entry to tmkit's one XML layer (libxml2's SAX2 push parser through `CXML`):
/// streams a document to a handler with the layer's safety settings. No network, no external
/// entity, DTD or other resource is loaded (an external entity is refused by name); internal
/// entities are expanded up to 16 MB; nesting deeper than 10,000 elements is an error. Every
/// failure is a one-line `FormatError` naming the file, line and column.
public enum XMLEvents {
    /// Streams the file at `path` to `handler`, reading it in chunks.
    public static func parse(_ path: String, handler: XMLEventHandler) throws {
        try XMLPushParser.parse(source: .file(path), file: path, receiver: StreamReceiver(handler))
    }

    /// Streams `data` (a document held in memory) to `handler`; `file` names it in errors.
    public static func parse(data: Data, file: String, handler: XMLEventHandler) throws {
        try XMLPushParser.parse(source: .data(data), file: file, receiver: StreamReceiver(handler))
    }
}

/// Adapts the parser's events to an `XMLEventHandler`.
final class StreamReceiver: XMLReceiver {
    let handler: XMLEventHandler
    init(_ handler: XMLEventHandler) { self.handler = handler }

    override func start(local: String, prefix: String?, namespaces: [XMLNamespace], attributes: [XMLAttribute], line: Int, column: Int) throws {
        var a: [String: String] = [:]
        a.reserveCapacity(attributes.count)
        for attribute in attributes { a[attribute.name] = attribute.value }
        try handler.start(local, attributes: a, line: line, column: column)
    }
    override func end(local: String, prefix: String?) throws { try handler.end(local) }
    override func text(_ string: String, cdata: Bool) throws { try handler.text(string) }
    override func note(_ message: String) { handler.parserNote(message) }
    override var wantsText: Bool { handler.wantsText }
}

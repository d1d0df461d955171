import Foundation

/// An XML document as a tree, for editing in place: parsed through the same secure libxml2
/// layer as `XMLEvents`, it keeps what tmkit does not touch (comments, processing instructions,
/// the document type declaration, CDATA sections, namespaces, attribute order, white space)
/// and writes it back as UTF-8 (entity references come back expanded; `<a></a>` comes back `<a/>`).
public final class XMLTree {
    /// The XML declaration as written (`<?xml version="1.0" encoding="UTF-8"?>`), its encoding
    /// changed to UTF-8 since that is what `serialized()` writes; nil when the document had none.
    public var declaration: String?
    /// Comments, processing instructions and the DOCTYPE before the root element.
    public var prolog: [XMLTreeNode]
    public let root: XMLTreeElement
    /// Comments and processing instructions after the root element.
    public var epilog: [XMLTreeNode]

    public init(root: XMLTreeElement, declaration: String? = nil, prolog: [XMLTreeNode] = [], epilog: [XMLTreeNode] = []) {
        self.root = root
        self.declaration = declaration
        self.prolog = prolog
        self.epilog = epilog
    }

    /// Parses `data`; `file` names it in errors (`FormatError`, with line and column).
    public static func parse(data: Data, file: String) throws -> XMLTree {
        let builder = XMLTreeBuilder()
        try XMLPushParser.parse(source: .data(data), file: file, receiver: builder)
        guard let root = builder.root else {
            throw FormatError.malformedXML(file: file, line: 1, column: 1, reason: "no root element")
        }
        return XMLTree(root: root, declaration: declaration(in: data), prolog: builder.prolog, epilog: builder.epilog)
    }

    /// Parses the file at `path`.
    public static func parse(_ path: String) throws -> XMLTree {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw FormatError.unreadable(file: path, reason: !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "permission denied")
        }
        return try parse(data: data, file: path)
    }

    /// The document's own XML declaration, with any encoding it names changed to UTF-8.
    static func declaration(in data: Data) -> String? {
        let head = [UInt8](data.prefix(800))
        var text: String
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00]) {
            text = String(decoding: stride(from: 0, to: head.count - 1, by: 2).map { UInt16(head[$0]) | UInt16(head[$0 + 1]) << 8 }, as: UTF16.self)
        } else if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C]) {
            text = String(decoding: stride(from: 0, to: head.count - 1, by: 2).map { UInt16(head[$0]) << 8 | UInt16(head[$0 + 1]) }, as: UTF16.self)
        } else {
            // ASCII-compatible: only the declaration's own bytes are decoded.
            let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard let end = (start..<max(start, head.count - 1)).first(where: { head[$0] == UInt8(ascii: "?") && head[$0 + 1] == UInt8(ascii: ">") }) else { return nil }
            text = String(decoding: head[start..<(end + 2)], as: UTF8.self)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.hasPrefix("<?xml"), text.dropFirst(5).first?.isWhitespace == true, let end = text.range(of: "?>") else { return nil }
        let decl = String(text[..<end.upperBound])
        return decl.replacingOccurrences(of: #"encoding\s*=\s*("[^"]*"|'[^']*')"#, with: "encoding=\"UTF-8\"", options: .regularExpression)
    }
}

/// One node of an `XMLTree`.
public enum XMLTreeNode {
    case element(XMLTreeElement)
    /// Character data, unescaped (`a < b`).
    case text(String)
    case cdata(String)
    case comment(String)
    case processingInstruction(target: String, data: String?)
    /// The document type declaration as libxml2 serializes it (internal subset included).
    case doctype(String)

    /// The element, when this node is one.
    public var element: XMLTreeElement? {
        if case let .element(e) = self { return e }
        return nil
    }

    /// The text of a text or CDATA node.
    public var text: String? {
        switch self {
        case let .text(s), let .cdata(s): return s
        default: return nil
        }
    }
}

/// An element of an `XMLTree`: its name as written (`prefix:local`), the namespaces it
/// declares, its attributes in order, and its children. Elements are objects: edits made
/// through any reference are seen by the tree.
public final class XMLTreeElement {
    public var prefix: String?
    public var local: String
    public var namespaces: [XMLNamespace]
    public var attributes: [XMLAttribute]
    public internal(set) var children: [XMLTreeNode] = []
    public internal(set) weak var parent: XMLTreeElement?
    /// Where the start tag ended in the parsed document (0 for elements made in code).
    public internal(set) var line = 0, column = 0

    /// A new element; `name` may carry a prefix (`mtc:match`).
    public init(_ name: String, attributes: [XMLAttribute] = [], namespaces: [XMLNamespace] = []) {
        if let colon = name.firstIndex(of: ":") {
            prefix = String(name[..<colon])
            local = String(name[name.index(after: colon)...])
        } else {
            prefix = nil
            local = name
        }
        self.attributes = attributes
        self.namespaces = namespaces
    }

    /// The qualified name as written.
    public var name: String { prefix.map { "\($0):\(local)" } ?? local }
}

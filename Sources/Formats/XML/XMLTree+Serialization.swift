extension XMLTree {
    /// The document as UTF-8 XML text: the declaration (or a UTF-8 one), each prolog node,
    /// the root and each epilog node on its own line, as libxml2 writes a document.
    public func serialized() -> String {
        var out = declaration ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        out += "\n"
        for node in prolog { XMLSerializer.write(node, to: &out); out += "\n" }
        XMLSerializer.write(.element(root), to: &out)
        out += "\n"
        for node in epilog { XMLSerializer.write(node, to: &out); out += "\n" }
        return out
    }
}

extension XMLTreeElement {
    /// This element as XML text (its markup and content).
    public var serialized: String {
        var out = ""
        XMLSerializer.write(.element(self), to: &out)
        return out
    }
}

/// Writes tree nodes as XML text. Characters XML 1.0 cannot carry are left out.
enum XMLSerializer {
    static func write(_ node: XMLTreeNode, to out: inout String) {
        switch node {
        case let .element(e): element(e, to: &out)
        case let .text(s): out += XMLEscape.escape(s).text
        case let .cdata(s): out += "<![CDATA[" + s.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
        case let .comment(s): out += "<!--" + s + "-->"
        case let .processingInstruction(target, data): out += "<?" + target + (data.map { " " + $0 } ?? "") + "?>"
        case let .doctype(s): out += s
        }
    }

    /// Writes without recursion, so that any depth the parser accepts can be written.
    private static func element(_ top: XMLTreeElement, to out: inout String) {
        var stack: [(XMLTreeElement, Int)] = []
        func open(_ e: XMLTreeElement) {
            out += "<" + e.name
            for ns in e.namespaces {
                out += ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\""
                out += XMLEscape.escape(ns.uri, attribute: true).text + "\""
            }
            for a in e.attributes { out += " " + a.name + "=\"" + XMLEscape.escape(a.value, attribute: true).text + "\"" }
            if e.children.isEmpty { out += "/>" } else { out += ">"; stack.append((e, 0)) }
        }
        open(top)
        while let (e, i) = stack.popLast() {
            guard i < e.children.count else { out += "</" + e.name + ">"; continue }
            stack.append((e, i + 1))
            if case let .element(c) = e.children[i] { open(c) } else { write(e.children[i], to: &out) }
        }
    }
}

/// Builds an `XMLTree` from the parser's events.
final class XMLTreeBuilder: XMLReceiver {
    var root: XMLTreeElement?
    var prolog: [XMLTreeNode] = []
    var epilog: [XMLTreeNode] = []
    private var open: [XMLTreeElement] = []

    private func add(_ node: XMLTreeNode) {
        if let parent = open.last {
            if case let .text(s) = node, case let .text(previous)? = parent.children.last {
                parent.remove(at: parent.children.count - 1)
                parent.append(.text(previous + s))
            } else {
                parent.append(node)
            }
        } else if root == nil {
            prolog.append(node)
        } else {
            epilog.append(node)
        }
    }

    override func start(local: String, prefix: String?, namespaces: [XMLNamespace], attributes: [XMLAttribute], line: Int, column: Int) throws {
        let e = XMLTreeElement(local, attributes: attributes, namespaces: namespaces)
        e.prefix = prefix
        e.line = line
        e.column = column
        if let parent = open.last { parent.append(.element(e)) } else { root = e }
        open.append(e)
    }

    override func end(local: String, prefix: String?) throws { open.removeLast() }
    override func text(_ string: String, cdata: Bool) throws {
        guard !open.isEmpty else { return }  // white space outside the root
        add(cdata ? .cdata(string) : .text(string))
    }
    override func comment(_ text: String) throws { add(.comment(text)) }
    override func processingInstruction(target: String, data: String?) throws { add(.processingInstruction(target: target, data: data)) }
    override func doctype(_ text: String) throws { add(.doctype(text)) }
}

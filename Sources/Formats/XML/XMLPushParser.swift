internal import CXML
import Foundation

/// A namespace declared on an element (`prefix` nil for the default namespace).
public struct XMLNamespace: Sendable, Equatable {
    public var prefix: String?
    public var uri: String
    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}

/// An attribute, by its qualified name as written (`xml:lang`, `okp:hint`).
public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What the push parser calls; the stream adapter and the tree builder override it.
class XMLReceiver {
    func start(local: String, prefix: String?, namespaces: [XMLNamespace], attributes: [XMLAttribute], line: Int, column: Int) throws {}
    func end(local: String, prefix: String?) throws {}
    func text(_ string: String, cdata: Bool) throws {}
    func comment(_ text: String) throws {}
    func processingInstruction(target: String, data: String?) throws {}
    func doctype(_ text: String) throws {}
    func note(_ message: String) {}
    /// Whether the next character data is wanted (false skips making a string of it).
    var wantsText: Bool { true }
    /// The first error a callback threw (the parse stops there).
    fileprivate var failure: Error?
}

/// One libxml2 push parser (a `tm_xml` handle, closed on deinit).
final class XMLPushParser {
    enum Source { case file(String), data(Data) }

    private let handle: OpaquePointer
    private let box: Unmanaged<XMLReceiver>
    let file: String

    private init?(receiver: XMLReceiver, encoding: String?, file: String) {
        box = Unmanaged.passRetained(receiver)
        var callbacks = tm_xml_callbacks(start: onStart, end: onEnd, text: onText, comment: onComment, pi: onPI, doctype: onDoctype)
        guard let h = tm_xml_open(&callbacks, box.toOpaque(), encoding, file) else {
            box.release()
            return nil
        }
        handle = h
        self.file = file
    }

    deinit {
        tm_xml_close(handle)
        box.release()
    }

    /// Feeds one chunk; throws the parse's first failure as a `FormatError`, or a callback's error.
    func push(_ bytes: UnsafeRawBufferPointer, last: Bool) throws {
        let rc = tm_xml_push(handle, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), last ? 1 : 0)
        if rc != Int32(TM_XML_OK) { throw error() }
    }

    private func error() -> Error {
        var message = [CChar](repeating: 0, count: 512)
        var line: Int32 = 0, column: Int32 = 0
        let kind = Int(tm_xml_error(handle, &message, Int32(message.count), &line, &column))
        if kind == TM_XML_STOPPED, let failure = box.takeUnretainedValue().failure { return failure }
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch kind {
        case TM_XML_REFUSED, TM_XML_LIMIT:
            return FormatError.refusedXML(file: file, line: Int(line), column: Int(column), reason: reason)
        default:
            return FormatError.malformedXML(file: file, line: Int(line), column: Int(column), reason: reason.isEmpty ? "not well-formed" : reason)
        }
    }

    /// Parses `source` to its end with `receiver`. An empty or unreadable file is an error;
    /// a document that is not UTF-8, declares no encoding and is clearly CP949 (EUC-KR) is
    /// read as CP949 with a note.
    static func parse(source: Source, file: String, receiver: XMLReceiver) throws {
        switch source {
        case let .data(data):
            if data.isEmpty { throw FormatError.empty(file: file) }
            let guess = forcedEncoding(Array(data.prefix(XMLEncodingGuess.sniffLength)), file: file, receiver: receiver)
            guard let parser = XMLPushParser(receiver: receiver, encoding: guess, file: file) else {
                throw FormatError.unreadable(file: file, reason: "cannot start the XML parser")
            }
            try data.withUnsafeBytes { raw in
                var offset = 0
                let chunk = 1 << 20
                repeat {
                    let n = min(chunk, raw.count - offset)
                    try parser.push(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]), last: offset + n == raw.count)
                    offset += n
                } while offset < raw.count
            }
        case let .file(path):
            let handle = try open(path)
            defer { try? handle.close() }
            var head = try read(handle, path, XMLEncodingGuess.sniffLength)
            if head.isEmpty { throw FormatError.empty(file: path) }
            let guess = forcedEncoding(Array(head), file: path, receiver: receiver)
            guard let parser = XMLPushParser(receiver: receiver, encoding: guess, file: file) else {
                throw FormatError.unreadable(file: path, reason: "cannot start the XML parser")
            }
            while true {
                let next = try read(handle, path, 256 * 1024)
                try head.withUnsafeBytes { try parser.push($0, last: next.isEmpty) }
                if next.isEmpty { break }
                head = next
            }
        }
    }

    /// The encoding to give libxml2 instead of its own detection: little-endian UTF-32 (its
    /// UCS-4 handler is big-endian only), or CP949 for a legacy Korean document (with a note).
    private static func forcedEncoding(_ head: [UInt8], file: String, receiver: XMLReceiver) -> String? {
        if let utf32 = XMLEncodingGuess.littleEndianUTF32(head) { return utf32 }
        let guess = XMLEncodingGuess.legacyEncoding(head)
        if let guess { receiver.note("\(file): not UTF-8 and no encoding declared; read as \(guess) (Korean)") }
        return guess
    }

    private static func open(_ path: String) throws -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw FormatError.unreadable(file: path, reason: "is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError.unreadable(file: path, reason: "permission denied")
        }
        return handle
    }

    private static func read(_ handle: FileHandle, _ path: String, _ count: Int) throws -> Data {
        do { return try handle.read(upToCount: count) ?? Data() } catch {
            throw FormatError.unreadable(file: path, reason: "I/O error (\(error.localizedDescription))")
        }
    }
}

// MARK: C callbacks (no capture: the receiver comes back through `ctx`)

private func receiver(_ ctx: UnsafeMutableRawPointer?) -> XMLReceiver {
    Unmanaged<XMLReceiver>.fromOpaque(ctx!).takeUnretainedValue()
}

private func run(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLReceiver) throws -> Void) -> Int32 {
    let r = receiver(ctx)
    do { try body(r); return 0 } catch {
        if r.failure == nil { r.failure = error }
        return 1
    }
}

private func string(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }

private let onStart: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32,
                                     UnsafePointer<UnsafePointer<CChar>?>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?, Int32, Int32) -> Int32 = {
    ctx, local, prefix, nNS, ns, nAttrs, attrs, line, column in
    run(ctx) { r in
        var namespaces: [XMLNamespace] = []
        if nNS > 0, let ns {
            namespaces.reserveCapacity(Int(nNS))
            for i in 0..<Int(nNS) { namespaces.append(XMLNamespace(prefix: string(ns[2 * i]), uri: string(ns[2 * i + 1]) ?? "")) }
        }
        var attributes: [XMLAttribute] = []
        if nAttrs > 0, let attrs {
            attributes.reserveCapacity(Int(nAttrs))
            for i in 0..<Int(nAttrs) {
                let name = string(attrs[5 * i]) ?? ""
                var value = ""
                if let start = attrs[5 * i + 3], let end = attrs[5 * i + 4] {
                    value = String(decoding: UnsafeRawBufferPointer(start: start, count: end - start), as: UTF8.self)
                }
                let qualified = attrs[5 * i + 1].map { String(cString: $0) + ":" + name } ?? name
                attributes.append(XMLAttribute(name: qualified, value: value))
            }
        }
        try r.start(local: string(local) ?? "", prefix: string(prefix), namespaces: namespaces, attributes: attributes,
                    line: Int(line), column: Int(column))
    }
}

private let onEnd: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = { ctx, local, prefix in
    run(ctx) { try $0.end(local: string(local) ?? "", prefix: string(prefix)) }
}

private let onText: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int32, Int32) -> Int32 = { ctx, chars, length, cdata in
    run(ctx) { r in
        guard let chars, length > 0, r.wantsText else { return }
        try r.text(String(decoding: UnsafeRawBufferPointer(start: chars, count: Int(length)), as: UTF8.self), cdata: cdata != 0)
    }
}

private let onComment: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { ctx, text in
    run(ctx) { try $0.comment(string(text) ?? "") }
}

private let onPI: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = { ctx, target, data in
    run(ctx) { try $0.processingInstruction(target: string(target) ?? "", data: string(data)) }
}

private let onDoctype: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { ctx, text in
    run(ctx) { try $0.doctype(string(text) ?? "") }
}

import Foundation
import Hummingbird
import NIOCore
import TMCore
import TranslationMemory

/// JSON answers and request parsing shared by the routes.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

extension Request {
    /// A query parameter, form-decoded, or nil: `+` is a space and `%2B` a plus (Hummingbird's
    /// own `queryParameters` decodes percents first, so a `+` typed by the user would turn into
    /// a space).
    func query(_ name: String) -> String? {
        guard let raw = uri.query else { return nil }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.formDecoded(parts[0]) == name else { continue }
            return parts.count > 1 ? Self.formDecoded(parts[1]) : ""
        }
        return nil
    }

    /// `+` as a space and percent escapes decoded; text without either is taken as it is.
    private static func formDecoded(_ s: Substring) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(s) }
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// An integer query parameter within 0...max; 400 otherwise.
    func intQuery(_ name: String, default value: Int, max: Int) throws -> Int {
        guard let s = query(name) else { return value }
        guard let n = Int(s), n >= 0, n <= max else { throw APIError(.badRequest, "parameter '\(name)' must be an integer from 0 to \(max)") }
        return n
    }

    /// A language query parameter, or nil; 400 when it is not a language tag.
    func languageQuery(_ name: String) throws -> LanguageTag? {
        guard let s = query(name), !s.isEmpty else { return nil }
        guard let tag = LanguageTag(s.replacingOccurrences(of: "_", with: "-")), tag.isKnownLanguage else {
            throw APIError(.badRequest, "parameter '\(name)': unknown language code '\(s)'")
        }
        return tag
    }

    /// The body decoded as JSON, refusing more than `limit` bytes with 413.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError(.contentTooLarge, "request body of \(length) bytes is over the limit of \(limit)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "request body is over the limit of \(limit) bytes")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw APIError(.badRequest, "request body is not the JSON expected: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        default: return "\(error)"
        }
    }
}

/// Checks a query's length against the limit (400 when over, or empty).
func checkQuery(_ text: String?, name: String = "q", limit: Int) throws -> String {
    guard let text, !text.isEmpty else { throw APIError(.badRequest, "parameter '\(name)' is missing or empty") }
    let n = text.unicodeScalars.count
    guard n <= limit else { throw APIError(.badRequest, "'\(name)' is \(n) characters, over the limit of \(limit)") }
    return text
}

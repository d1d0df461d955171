import Foundation
import Hummingbird
import PostgresStore
import Terminology
import TranslationMemory

/// The JSON of an error answer.
struct ErrorBody: Encodable {
    struct Inner: Encodable {
        var status: Int
        var message: String
    }
    var error: Inner
}

/// An error answered as JSON: `{"error": {"status": 404, "message": "…"}}`.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(ErrorBody(error: .init(status: status.code, message: message)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"tmkit\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// The answer for an error of a store or reader: 400 for bad input, 404 for what is not
    /// there, 503 while the database is away, 500 otherwise.
    static func from(_ error: any Error) -> APIError {
        if let e = error as? APIError { return e }
        if let e = error as? PostgresStoreError {
            switch e {
            case .unavailable: return APIError(.serviceUnavailable, e.description)
            case .noSuchMemory, .noSuchEntry, .noSuchGlossary: return APIError(.notFound, e.description)
            case .badURL: return APIError(.badRequest, e.description)
            case .query, .newerSchema: return APIError(.internalServerError, e.description)
            }
        }
        if let e = error as? TranslationMemoryError {
            switch e {
            case .importFailed, .unknownLanguage, .invalidChange, .invalidRequest: return APIError(.badRequest, e.description)
            case .missingStore, .noSuchEntry, .noSuchMemory: return APIError(.notFound, e.description)
            case .busy: return APIError(.serviceUnavailable, e.description)
            default: return APIError(.internalServerError, e.description)
            }
        }
        if let e = error as? TerminologyError {
            switch e {
            case .notFound: return APIError(.notFound, e.description)
            case .unknownValue, .invalidLanguage: return APIError(.badRequest, e.description)
            case let .store(_, reason) where reason.contains("another process is writing"):  // SQLite busy
                return APIError(.serviceUnavailable, e.description)
            default: return APIError(.internalServerError, e.description)
            }
        }
        if error is HTTPError, let e = error as? HTTPError {
            return APIError(e.status, e.body ?? "\(e.status.reasonPhrase)")
        }
        return APIError(.internalServerError, "\(error)")
    }
}

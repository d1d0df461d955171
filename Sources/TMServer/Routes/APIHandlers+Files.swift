import Formats
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TranslationMemory

extension APIHandlers {
    /// `POST …/import?filename=NAME.tmx`: the body is streamed to a file of that name in a
    /// private folder (never held in memory), then imported with the CLI's reader for its
    /// extension, in one transaction. Errors name the uploaded file, line and column.
    func importUpload(_ request: Request, memory: String) async throws -> Response {
        guard let filename = request.query("filename"), !filename.isEmpty else {
            throw APIError(.badRequest, "parameter 'filename' is missing: its extension (.tmx, .tsv, .csv, .po, .xlf) picks the reader")
        }
        let name = (filename as NSString).lastPathComponent
        guard FormatRegistry.reader(for: name) != nil else {
            throw APIError(.badRequest, "\(name): no reader for this extension (.tmx, .tsv, .csv, .po, .xlf/.xliff)")
        }
        let options = ReadOptions(
            sourceLanguage: try request.languageQuery("sourceLanguage"), targetLanguage: try request.languageQuery("targetLanguage"),
            includeFuzzy: request.query("includeFuzzy") == "true", keepsInlineCodes: true)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.maxUploadBytes {
            throw APIError(.contentTooLarge, "\(name): \(length) bytes is over the upload limit of \(limits.maxUploadBytes)")
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/" + name
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { throw APIError(.internalServerError, "cannot write the upload to \(folder.path)") }
        var bytes = 0
        do {
            defer { try? handle.close() }
            for try await chunk in request.body {
                bytes += chunk.readableBytes
                if bytes > limits.maxUploadBytes {
                    throw APIError(.contentTooLarge, "\(name): upload is over the limit of \(limits.maxUploadBytes) bytes")
                }
                try handle.write(contentsOf: Data(buffer: chunk))
            }
        }
        do {
            let summary = try await backend.importFile(path, name: name, memory: memory, options: options)
            return try JSONResponse.make(ImportRecord(summary, memory: memory, keys: .camelCase))
        } catch {
            var e = APIError.from(error)
            e.message = e.message.replacingOccurrences(of: path, with: name)
            throw e
        }
    }

    /// `GET …/export`: the memory as TMX 1.4b, written to a private file and streamed from it.
    /// The header of an export that says how many entries the TMX holds.
    static let entriesHeader = HTTPField.Name("X-Tmkit-Entries")!

    func exportTMX(memory: String) async throws -> Response {
        let folder = try TemporaryFolder()
        let path = folder.path + "/\(memory).tmx"
        let entries: Int
        do {
            entries = try await backend.exportTMX(memory: memory, to: path)
        } catch {
            folder.remove()
            throw error
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
        var headers = HTTPFields()
        headers[.contentType] = "application/x-tmx+xml; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(memory).tmx\""
        headers[Self.entriesHeader] = String(entries)
        let body = ResponseBody(contentLength: size) { writer in
            defer { folder.remove() }
            guard let handle = FileHandle(forReadingAtPath: path) else { return }
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                try await writer.write(ByteBuffer(data: data))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// A folder of our own under the system's temporary folder, removed when done.
struct TemporaryFolder: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tmkit-serve-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw APIError(.internalServerError, "cannot make a temporary folder") }
        path = String(cString: p)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

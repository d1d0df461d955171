import Foundation
import Hummingbird
import NIOCore

/// The pages' own styles and scripts (`Web/Assets/` in the server's resources), read once.
enum WebAssets {
    struct Asset: Sendable {
        var contentType: String
        var bytes: ByteBuffer
    }

    static let all: [String: Asset] = {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Assets"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var out: [String: Asset] = [:]
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let type: String
            switch (name as NSString).pathExtension {
            case "js": type = "text/javascript; charset=utf-8"
            case "css": type = "text/css; charset=utf-8"
            case "svg": type = "image/svg+xml"
            case "png": type = "image/png"
            default: continue
            }
            out[name] = Asset(contentType: type, bytes: ByteBuffer(data: data))
        }
        return out
    }()

    static func response(_ name: String) throws -> Response {
        guard let asset = all[name] else { throw APIError(.notFound, "no asset named '\(name)'") }
        return Response(status: .ok, headers: WebHTML.headers(contentType: asset.contentType, cache: true), body: .init(byteBuffer: asset.bytes))
    }
}

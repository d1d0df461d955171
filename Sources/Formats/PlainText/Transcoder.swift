import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts text in a legacy charset (EUC-KR, ISO-8859-1...) to UTF-8 with the C library's iconv.
final class Transcoder {
    let charset: String
    private let cd: iconv_t

    /// A converter from `charset`; nil when the C library does not know it.
    init?(from charset: String) {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        self.cd = cd!
        self.charset = charset
    }

    deinit { iconv_close(cd) }

    /// The UTF-8 bytes for `input`, or the offset of the first byte that cannot be converted.
    func convert(_ input: ArraySlice<UInt8>) -> (utf8: [UInt8]?, failedAt: Int) {
        var inBytes = Array(input)
        var out = [UInt8](repeating: 0, count: inBytes.count * 4 + 16)
        let total = inBytes.count
        return inBytes.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = total
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                _ = iconv(cd, nil, nil, nil, nil)  // reset shift state
                if total > 0 && iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft > 0 {
                    return (nil, total - inLeft)
                }
                return (Array(outBuf[0..<(outBuf.count - outLeft)]), 0)
            }
        }
    }
}

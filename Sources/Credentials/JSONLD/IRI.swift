/// The little IRI handling JSON-LD needs: absolute-IRI tests and RFC 3986 reference resolution.
enum IRI {
    /// True when `value` starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    static func isAbsolute(_ value: String) -> Bool {
        var iterator = value.utf8.makeIterator()
        guard let first = iterator.next(), isAlpha(first) else { return false }
        while let byte = iterator.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard
                isAlpha(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { return false }
        }
        return false
    }

    /// An absolute IRI that RDF can hold: a scheme and none of the characters IRIs forbid.
    static func isWellFormed(_ value: String) -> Bool {
        guard isAbsolute(value) else { return false }
        var value = value
        return value.withUTF8 { bytes in !bytes.contains(where: isForbidden) }
    }

    /// Bytes an IRI may not hold (here and in N-Quads IRIs): controls, space, and <>"{}|^` and the backslash. (A switch, not a table: a static
    /// table is reached through a lazy-initialization check on every byte.)
    static func isForbidden(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C: true
        default: false
        }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// Resolves `reference` against `base` (RFC 3986 §5.2); without a base, a relative reference stays as it is.
    static func resolve(_ reference: String, against base: String?) -> String {
        if isAbsolute(reference) { return reference }
        guard let base, let parsedBase = Parts(base) else { return reference }
        let ref = Parts(relative: reference)
        var target = Parts(scheme: parsedBase.scheme)
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removeDotSegments(ref.path)
            target.query = ref.query
        } else {
            if ref.path.isEmpty {
                target.path = parsedBase.path
                target.query = ref.query ?? parsedBase.query
            } else {
                if ref.path.hasPrefix("/") {
                    target.path = removeDotSegments(ref.path)
                } else {
                    let merged: String
                    if parsedBase.authority != nil && parsedBase.path.isEmpty {
                        merged = "/" + ref.path
                    } else if let slash = parsedBase.path.lastIndex(of: "/") {
                        merged = parsedBase.path[...slash] + ref.path
                    } else {
                        merged = ref.path
                    }
                    target.path = removeDotSegments(merged)
                }
                target.query = ref.query
            }
            target.authority = parsedBase.authority
        }
        target.fragment = ref.fragment
        return target.text
    }

    struct Parts {
        var scheme: String
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init(scheme: String) { self.scheme = scheme }

        init?(_ absolute: String) {
            guard let colon = absolute.firstIndex(of: ":"), IRI.isAbsolute(absolute) else { return nil }
            self.init(scheme: String(absolute[..<colon]), rest: String(absolute[absolute.index(after: colon)...]))
        }

        init(relative: String) { self.init(scheme: "", rest: relative) }

        private init(scheme: String, rest: String) {
            self.scheme = scheme
            var rest = Substring(rest)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
                authority = String(afterSlashes[..<end])
                rest = afterSlashes[end...]
            }
            path = String(rest)
        }

        var text: String {
            var out = scheme + ":"
            if let authority { out += "//" + authority }
            out += path
            if let query { out += "?" + query }
            if let fragment { out += "#" + fragment }
            return out
        }
    }

    static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var output: [Substring] = []
        var leading = false
        if input.hasPrefix("/") {
            leading = true
            input = input.dropFirst()
        }
        let segments = input.split(separator: "/", omittingEmptySubsequences: false)
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return (leading ? "/" : "") + output.joined(separator: "/")
    }
}

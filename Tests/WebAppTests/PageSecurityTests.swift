import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StorageTestSupport
import Testing

@testable import WebApp

/// Pages as an attacker meets them: sign-in redirects stay on the site, every response carries the security headers,
/// admin-only pages refuse other roles.
@Suite("page security")
struct PageSecurityTests {
    @Test(
        "a sign-in 'next' that leaves the site lands on the home page",
        arguments: ["/\\evil.example", "//evil.example", "https://evil.example", "/\r\nSet-Cookie:x", "/ok/page"])
    func openRedirect(_ next: String) async throws {
        try await APIJourneyTests.withApp(.sqlite) { client, _ in
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = next.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            let form = "email=admin%40example.org&password=admin-password&next=\(encoded)"
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                let expected = next == "/ok/page" ? "/ok/page" : "/"
                #expect(response.headers[.location] == expected, "next=\(next)")
            }
        }
    }

    @Test("every response carries CSP, nosniff and a referrer policy; the audit page is for admins")
    func headersAndAdminPages() async throws {
        try await APIJourneyTests.withApp(.sqlite) { client, _ in
            for uri in ["/", "/api/v1/frameworks", "/api/v1/nope", "/static/accord.css"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
            try await client.execute(uri: "/audit", method: .get) { response in
                #expect(response.status == .seeOther)  // not signed in: to the sign-in page
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
            }
            try await client.execute(uri: "/api/v1/audit", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "bearer nonsense"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a claim link's token never reaches the log")
    func claimTokensAreCut() {
        #expect(ProblemMiddleware.loggable("/claim/abcDEF123_-") == "/claim/(token)")
        #expect(ProblemMiddleware.loggable("/claim/abcDEF123_-/credential.jwt") == "/claim/(token)/credential.jwt")
        #expect(ProblemMiddleware.loggable("/providers/nz-ecnz") == "/providers/nz-ecnz")
    }
}

import AccordServices
import Hummingbird
import RecognitionCore

/// Per-request state: who is calling (from a bearer token or a session cookie).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, if any.
    public var account: Account?
    /// The browser session, for page requests signed in by cookie.
    public var session: Session?
    /// The client's IP address, for the sign-in throttle (nil when the channel has none, as in router tests).
    public let remoteAddress: String?
    /// The page's interface language and its strings (English until `LanguageMiddleware` chooses).
    var words = Words.english
    /// The page's own path and query, for the language switch to come back to.
    var pageAddress = "/"

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { InputLimits.jsonBody }
}

/// A credential in a learner's record as stacking sees it: what it is, who issued it, when, and its size and level in
/// the issuer's framework (from the registry, or from the credential itself).
public struct HeldCredential: Sendable, Equatable {
    public var id: String
    public var title: String
    /// What pathway rules may name it by: the registry microcredential id and the achievement IRI.
    public var units: [String]
    /// The registry provider id, when the issuer is a registered provider.
    public var provider: String?
    public var issuer: String
    /// ISO 3166 alpha-2 of the issuer, when known.
    public var country: String?
    /// `YYYY-MM-DD`.
    public var issuedOn: String?
    public var framework: Framework.ID?
    public var level: Int?
    public var credits: Double?
    public var hours: Double?
    /// Recognition of prior learning rather than a course completed.
    public var priorLearning: Bool

    public init(
        id: String, title: String, units: [String], provider: String? = nil, issuer: String, country: String? = nil, issuedOn: String?,
        framework: Framework.ID? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil, priorLearning: Bool = false
    ) {
        self.id = id
        self.title = title
        self.units = units
        self.provider = provider
        self.issuer = issuer
        self.country = country
        self.issuedOn = issuedOn
        self.framework = framework
        self.level = level
        self.credits = credits
        self.hours = hours
        self.priorLearning = priorLearning
    }
}

/// A short, assessed, quality-assured unit of learning as listed in the registry.
public struct Microcredential: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Microcredential>

    public enum Mode: String, Sendable, Codable, CaseIterable {
        case online
        case onSite = "on-site"
        case blended
    }

    /// Where a listing is in its review (`ListingReview`): only approved, changed and withdrawn listings are public.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft
        case submitted
        case returned
        case approved
        /// Approved, then its content was changed by the provider: public, flagged, awaiting review again.
        case changed = "changed-since-approval"
        case withdrawn
    }

    public var id: ID
    public var providerID: Provider.ID
    public var title: String
    /// Titles in other languages, keyed by BCP 47 tag.
    public var titleLocal: [String: String]
    public var learningOutcomes: [String]
    /// A level in a framework or a skill scale (Dreyfus has no NQF level); nil when not stated.
    public var level: LevelReference?
    /// Credits in the unit of `level.framework` (or `creditFramework` when the level is on a scale).
    public var credits: Double?
    public var notionalHours: Double?
    public var assessment: String?
    public var mode: Mode?
    public var qaType: String?
    /// BCP 47 tag of the language of instruction.
    public var language: String?
    public var prerequisites: [String]
    public var stackableInto: [String]
    public var validityMonths: Int?
    public var status: Status
    /// The reviewer's reasons when the listing was last returned; cleared on approval.
    public var reviewNote: String?
    public var provenance: Provenance

    public init(
        id: ID, providerID: Provider.ID, title: String, titleLocal: [String: String] = [:],
        learningOutcomes: [String] = [], level: LevelReference? = nil, credits: Double? = nil,
        notionalHours: Double? = nil, assessment: String? = nil, mode: Mode? = nil, qaType: String? = nil,
        language: String? = nil, prerequisites: [String] = [], stackableInto: [String] = [],
        validityMonths: Int? = nil, status: Status = .draft, reviewNote: String? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.providerID = providerID
        self.title = title
        self.titleLocal = titleLocal
        self.learningOutcomes = learningOutcomes
        self.level = level
        self.credits = credits
        self.notionalHours = notionalHours
        self.assessment = assessment
        self.mode = mode
        self.qaType = qaType
        self.language = language
        self.prerequisites = prerequisites
        self.stackableInto = stackableInto
        self.validityMonths = validityMonths
        self.status = status
        self.reviewNote = reviewNote
        self.provenance = provenance
    }
}

/// Level `level` of framework `framework`.
public struct LevelReference: Sendable, Equatable, Hashable, Codable {
    public var framework: Framework.ID
    public var level: Int

    public init(framework: Framework.ID, level: Int) {
        self.framework = framework
        self.level = level
    }
}

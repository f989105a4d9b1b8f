/// Builders for the credentials Accord issues: Open Badges 3.0 achievement credentials, CLR 2.0 records, presentations.
/// Each produces the unsigned JSON; `DataIntegrity.sign` or `VCJWT.sign` secures it.
public enum ContextURL {
    public static let credentialsV2 = "https://www.w3.org/ns/credentials/v2"
    public static let openBadges = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    public static let clr = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
    /// Accord's own small context: framework level, credits and notional hours for non-US frameworks (docs/accord-context.md).
    public static let accord = "https://accord.example/ns/credentials/v1"
}

/// An issuer Profile (OB 3.0 §B.1.14).
public struct IssuerProfile: Sendable {
    public var id: String
    public var name: String
    public var url: String?
    public var email: String?

    public init(id: String, name: String, url: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.email = email
    }

    public var json: JSON {
        var profile: JSONObject = ["id": .string(id), "type": ["Profile"], "name": .string(name)]
        if let url { profile["url"] = .string(url) }
        if let email { profile["email"] = .string(email) }
        return .object(profile)
    }
}

/// A level in a national qualifications framework, as Accord's context states it (e.g. NZQCF level 5, 15 credits).
public struct FrameworkLevel: Sendable, Equatable {
    public var framework: String
    public var frameworkName: String
    public var level: String
    public var credits: Double?
    public var creditSystem: String?

    public init(framework: String, frameworkName: String, level: String, credits: Double? = nil, creditSystem: String? = nil) {
        self.framework = framework
        self.frameworkName = frameworkName
        self.level = level
        self.credits = credits
        self.creditSystem = creditSystem
    }

    public var json: JSON {
        var object: JSONObject = [
            "type": "FrameworkLevel", "framework": .string(framework), "frameworkName": .string(frameworkName), "level": .string(level),
        ]
        if let credits { object["credits"] = .number(credits) }
        if let creditSystem { object["creditSystem"] = .string(creditSystem) }
        return .object(object)
    }
}

/// An OB 3.0 Alignment to a framework node or competency.
public struct Alignment: Sendable {
    public var targetName: String
    public var targetURL: String
    public var targetFramework: String?
    public var targetCode: String?
    public var targetType: String?

    public init(targetName: String, targetURL: String, targetFramework: String? = nil, targetCode: String? = nil, targetType: String? = nil) {
        self.targetName = targetName
        self.targetURL = targetURL
        self.targetFramework = targetFramework
        self.targetCode = targetCode
        self.targetType = targetType
    }

    public var json: JSON {
        var object: JSONObject = ["type": ["Alignment"], "targetName": .string(targetName), "targetUrl": .string(targetURL)]
        if let targetFramework { object["targetFramework"] = .string(targetFramework) }
        if let targetCode { object["targetCode"] = .string(targetCode) }
        if let targetType { object["targetType"] = .string(targetType) }
        return .object(object)
    }
}

/// An OB 3.0 ResultDescription (how a result is expressed: a grade, a status, …).
public struct ResultDescription: Sendable {
    public var id: String
    public var name: String
    public var resultType: String
    public var allowedValues: [String]

    public init(id: String, name: String, resultType: String, allowedValues: [String] = []) {
        self.id = id
        self.name = name
        self.resultType = resultType
        self.allowedValues = allowedValues
    }

    public var json: JSON {
        var object: JSONObject = ["id": .string(id), "type": ["ResultDescription"], "name": .string(name), "resultType": .string(resultType)]
        if !allowedValues.isEmpty { object["allowedValue"] = .array(allowedValues.map(JSON.string)) }
        return .object(object)
    }
}

/// An OB 3.0 Achievement: what was learned, its criteria, its size and level.
public struct Achievement: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var criteriaNarrative: String
    public var achievementType: String?
    public var creditsAvailable: Double?
    public var notionalHours: Double?
    public var frameworkLevel: FrameworkLevel?
    public var alignments: [Alignment]
    public var resultDescriptions: [ResultDescription]
    public var inLanguage: String?
    /// The name in several languages, by BCP 47 tag: language-tagged values of schema:name (Accord's
    /// `nameByLanguage`, a JSON-LD language map), beside `name`, which stays a plain string as Open Badges requires.
    public var namesByLanguage: [String: String]

    public init(
        id: String, name: String, description: String, criteriaNarrative: String, achievementType: String? = "MicroCredential",
        creditsAvailable: Double? = nil, notionalHours: Double? = nil, frameworkLevel: FrameworkLevel? = nil, alignments: [Alignment] = [],
        resultDescriptions: [ResultDescription] = [], inLanguage: String? = nil, namesByLanguage: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.criteriaNarrative = criteriaNarrative
        self.achievementType = achievementType
        self.creditsAvailable = creditsAvailable
        self.notionalHours = notionalHours
        self.frameworkLevel = frameworkLevel
        self.alignments = alignments
        self.resultDescriptions = resultDescriptions
        self.inLanguage = inLanguage
        self.namesByLanguage = namesByLanguage
    }

    var usesAccordContext: Bool { notionalHours != nil || frameworkLevel != nil || !namesByLanguage.isEmpty }

    public var json: JSON {
        var object: JSONObject = [
            "id": .string(id), "type": ["Achievement"], "name": .string(name), "description": .string(description),
            "criteria": ["narrative": .string(criteriaNarrative)],
        ]
        if let achievementType { object["achievementType"] = .string(achievementType) }
        if let creditsAvailable { object["creditsAvailable"] = .number(creditsAvailable) }
        if let notionalHours { object["notionalHours"] = .number(notionalHours) }
        if let frameworkLevel { object["frameworkLevel"] = frameworkLevel.json }
        if !alignments.isEmpty { object["alignment"] = .array(alignments.map(\.json)) }
        if !resultDescriptions.isEmpty { object["resultDescription"] = .array(resultDescriptions.map(\.json)) }
        if let inLanguage { object["inLanguage"] = .string(inLanguage) }
        if !namesByLanguage.isEmpty { object["nameByLanguage"] = .object(JSONObject(namesByLanguage.map { ($0.key, JSON.string($0.value)) })) }
        return .object(object)
    }
}

/// An Open Badges 3.0 OpenBadgeCredential (VC 2.0 data model).
public struct OpenBadgeCredential: Sendable {
    public var id: String
    public var name: String
    public var issuer: IssuerProfile
    public var subjectID: String
    public var achievement: Achievement
    public var validFrom: String
    public var validUntil: String?
    public var credentialStatus: [JSON]

    public init(
        id: String, name: String, issuer: IssuerProfile, subjectID: String, achievement: Achievement, validFrom: String, validUntil: String? = nil,
        credentialStatus: [JSON] = []
    ) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.subjectID = subjectID
        self.achievement = achievement
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.credentialStatus = credentialStatus
    }

    public var json: JSON {
        var contexts: [JSON] = [.string(ContextURL.credentialsV2), .string(ContextURL.openBadges)]
        if achievement.usesAccordContext { contexts.append(.string(ContextURL.accord)) }
        var object: JSONObject = [
            "@context": .array(contexts),
            "id": .string(id),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": .string(name),
            "issuer": issuer.json,
            "validFrom": .string(validFrom),
            "credentialSubject": ["id": .string(subjectID), "type": ["AchievementSubject"], "achievement": achievement.json],
        ]
        if let validUntil { object["validUntil"] = .string(validUntil) }
        if !credentialStatus.isEmpty { object["credentialStatus"] = credentialStatus.count == 1 ? credentialStatus[0] : .array(credentialStatus) }
        return .object(object)
    }
}

/// A CLR 2.0 ClrCredential: a learner's achievements, each an embedded signed credential.
public struct ClrCredential: Sendable {
    public var id: String
    public var name: String
    public var issuer: IssuerProfile
    public var learnerID: String
    public var credentials: [JSON]
    public var validFrom: String
    public var isPartial: Bool

    public init(id: String, name: String, issuer: IssuerProfile, learnerID: String, credentials: [JSON], validFrom: String, isPartial: Bool = false) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.learnerID = learnerID
        self.credentials = credentials
        self.validFrom = validFrom
        self.isPartial = isPartial
    }

    public var json: JSON {
        [
            "@context": [.string(ContextURL.credentialsV2), .string(ContextURL.clr), .string(ContextURL.openBadges)],
            "id": .string(id),
            "type": ["VerifiableCredential", "ClrCredential"],
            "name": .string(name),
            "issuer": issuer.json,
            "validFrom": .string(validFrom),
            "partial": .bool(isPartial),
            "credentialSubject": ["id": .string(learnerID), "type": ["ClrSubject"], "verifiableCredential": .array(credentials)],
        ]
    }
}

/// A VC 2.0 VerifiablePresentation; sign it with proof purpose `authentication` and the verifier's challenge.
public struct VerifiablePresentation: Sendable {
    public var id: String?
    public var holder: String
    public var credentials: [JSON]

    public init(id: String? = nil, holder: String, credentials: [JSON]) {
        self.id = id
        self.holder = holder
        self.credentials = credentials
    }

    public var json: JSON {
        var object: JSONObject = [
            "@context": [.string(ContextURL.credentialsV2)], "type": ["VerifiablePresentation"], "holder": .string(holder),
            "verifiableCredential": .array(credentials),
        ]
        if let id { object["id"] = .string(id) }
        return .object(object)
    }
}

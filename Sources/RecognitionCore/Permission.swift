/// Something a caller wants to do that not everyone may.
public enum Action: Sendable, Equatable {
    case editReferenceData
    case manageProviders
    case manageAccounts
    case readAuditLog
    /// Send a file of listings (each row is then checked with `editMicrocredentials`).
    case importMicrocredentials
    case editMicrocredentials(of: Provider.ID)
    /// Approve or return listings submitted for review (the national QA body's work; admins here).
    case reviewMicrocredentials
    /// See listings that are not public (drafts, submitted, returned) of a provider.
    case readUnpublished(of: Provider.ID)
    /// Create, rotate and mark compromised the signing keys a provider issues credentials with.
    case manageIssuerKeys(of: Provider.ID)
    /// Issue credentials for a provider's listings, and see what it issued.
    case issueCredentials(of: Provider.ID)
    /// Hold credentials in one's own learner record (learners only: a record belongs to one person).
    case holdCredentials
    /// Create or change a qualification and its pathway: admins, and staff of the provider that awards it.
    case editQualification(of: Provider.ID?)
    /// Work a NIC's recognition cases: enter, take, decide, issue statements (that NIC's evaluators only; admins
    /// oversee but do not decide).
    case assessRecognition(at: NIC.ID)
    /// Read a NIC's cases, queue and statistics: its evaluators and admins.
    case readRecognitionCases(of: NIC.ID)
    /// Rotate a NIC's statement-signing key and report one compromised: its evaluators and admins.
    case manageNICKeys(of: NIC.ID)
    /// Apply for recognition in one's own name (learners).
    case applyForRecognition
    /// See what the NIC network shares among its members (contacts, action plans): the NICs' evaluators, the
    /// countries' focal points, and admins.
    case readNetworkContacts
    /// Answer a survey for a country: that country's focal point only.
    case answerSurvey(country: String)
    /// Add to and update a country's action plan: its focal point and admins.
    case editActionPlan(country: String)
    /// Name who takes part in a meeting for a country: its focal point and admins.
    case registerParticipants(country: String)
}

/// Why a caller may not do something.
public enum AccessError: Error, Sendable, Equatable {
    /// No one is signed in.
    case unauthenticated
    /// Signed in, but the role or its scope does not allow the action.
    case forbidden(String)
}

extension Optional where Wrapped == Account {
    /// Throws unless this caller may perform `action`. The one place where roles and scopes are decided.
    public func authorize(_ action: Action) throws(AccessError) {
        guard let account = self else { throw .unauthenticated }
        switch (account.role, action) {
        case (.learner, .holdCredentials):
            return
        case (let role, .holdCredentials):
            throw .forbidden("only a learner account holds a learner record; this account is a \(role.kind.rawValue)")
        case (.learner, .applyForRecognition):
            return
        case (let role, .applyForRecognition):
            throw .forbidden("a \(role.kind.rawValue) account cannot apply for recognition in its own name; evaluators enter cases for applicants")
        case (.evaluator(let own), .assessRecognition(let nic)), (.evaluator(let own), .readRecognitionCases(let nic)):
            guard own == nic else { throw .forbidden("evaluators of '\(own)' work only their own NIC's cases") }
        case (.evaluator(let own), .manageNICKeys(let nic)):
            guard own == nic else { throw .forbidden("evaluators of '\(own)' manage only their own NIC's signing keys") }
        case (let role, .assessRecognition(let nic)):
            throw .forbidden("only evaluators of '\(nic)' assess its cases; this account is a \(role.kind.rawValue)")
        case (.evaluator, .readNetworkContacts), (.focalPoint, .readNetworkContacts):
            return
        case (.focalPoint(let own), .answerSurvey(let country)):
            guard own == country else { throw .forbidden("the focal point of \(own) answers only for \(own)") }
        case (let role, .answerSurvey(let country)):
            throw .forbidden("only the focal point of \(country) answers its surveys; this account is a \(role.kind.rawValue)")
        case (.admin, _):
            return
        case (.providerStaff(let own), .editQualification(let provider)):
            guard own == provider else { throw .forbidden("staff of '\(own)' edit only their own provider's qualifications") }
        case (let role, .editQualification):
            throw .forbidden("a \(role.kind.rawValue) account cannot edit qualifications")
        case (.providerStaff(let own), .editMicrocredentials(let provider)):
            guard own == provider else {
                throw .forbidden("provider staff of '\(own)' cannot change microcredentials of '\(provider)'")
            }
        case (.providerStaff(let own), .readUnpublished(let provider)):
            guard own == provider else { throw .forbidden("unpublished listings of '\(provider)' are seen only by its staff") }
        case (let role, .readUnpublished):
            throw .forbidden("a \(role.kind.rawValue) account sees published listings only")
        case (.providerStaff(let own), .manageIssuerKeys(let provider)):
            guard own == provider else { throw .forbidden("only staff of '\(provider)' manage its issuer keys") }
        case (let role, .manageIssuerKeys):
            throw .forbidden("a \(role.kind.rawValue) account cannot manage issuer keys")
        case (.providerStaff(let own), .issueCredentials(let provider)):
            guard own == provider else { throw .forbidden("only staff of '\(provider)' issue its credentials") }
        case (let role, .issueCredentials):
            throw .forbidden("a \(role.kind.rawValue) account cannot issue credentials")
        case (.providerStaff, .importMicrocredentials):
            return
        case (let role, .editMicrocredentials), (let role, .importMicrocredentials):
            throw .forbidden("a \(role.kind.rawValue) account cannot change registry entries")
        case (.focalPoint(let own), .editActionPlan(let country)):
            guard own == country else { throw .forbidden("the focal point of \(own) keeps only \(own)'s action plan") }
        case (let role, .editActionPlan(let country)):
            throw .forbidden("\(country)'s action plan is kept by its focal point and admins; this account is a \(role.kind.rawValue)")
        case (.focalPoint(let own), .registerParticipants(let country)):
            guard own == country else { throw .forbidden("the focal point of \(own) names only \(own)'s participants") }
        case (let role, .registerParticipants(let country)):
            throw .forbidden("\(country)'s participants are named by its focal point and admins; this account is a \(role.kind.rawValue)")
        case (let role, .readNetworkContacts):
            throw .forbidden("the NIC network's contacts are for its members (NIC evaluators) and admins; this account is a \(role.kind.rawValue)")
        case (let role, .manageNICKeys(let nic)):
            throw .forbidden("the signing keys of '\(nic)' are managed by its evaluators and admins; this account is a \(role.kind.rawValue)")
        case (let role, .readRecognitionCases(let nic)):
            throw .forbidden("the cases of '\(nic)' are seen by its evaluators and admins; this account is a \(role.kind.rawValue)")
        case (let role, .editReferenceData), (let role, .manageProviders), (let role, .manageAccounts), (let role, .readAuditLog),
            (let role, .reviewMicrocredentials):
            throw .forbidden("only an admin may do this; this account is a \(role.kind.rawValue)")
        }
    }

    /// Whether `authorize(action)` would pass: for pages deciding which links to show.
    public func may(_ action: Action) -> Bool {
        (try? authorize(action)) != nil
    }
}

extension AccessError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unauthenticated: "sign in first"
        case .forbidden(let reason): "not allowed: \(reason)"
        }
    }
}

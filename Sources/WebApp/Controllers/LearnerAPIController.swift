import AccordServices
import Credentials
import Foundation
import Hummingbird
import NIOCore
import RecognitionCore

/// `/api/v1/record` (the signed-in learner's own record and progress) and `/api/v1/qualifications` (pathways: read by
/// anyone, written by admins and the awarding provider's staff).
struct LearnerAPIController {
    let record: LearnerRecordDesk
    let qualifications: QualificationDesk
    let sharing: SharingDesk
    let awards: AwardDesk

    struct ClaimRequest: Decodable {
        let token: String
    }

    struct HiddenRequest: Decodable {
        let hidden: Bool
    }

    struct AwardAsk: Decodable {
        let qualification: String
    }

    struct RefuseRequest: Decodable {
        let reason: String
    }

    struct ShareRequest: Decodable {
        let entries: [String]?
        let days: Int?
    }

    struct PresentationRequest: Decodable {
        let entries: [String]?
        let challenge: String
        let domain: String
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("record") { _, context in
            try JSONInput.response(EntriesWire(items: try await record.entries(by: context.account).map(EntryWire.init)))
        }
        api.post("record/claims") { request, context in
            let body = try await JSONInput.decode(ClaimRequest.self, from: request, limit: 4 << 10)
            let entry = try await record.claim(token: body.token, by: context.account)
            return try JSONInput.response(EntryWire(try await record.entry(entry.id, by: context.account)), status: .created)
        }
        api.post("record/credentials") { request, context in
            let type = (request.headers[.contentType] ?? "").lowercased()
            if !type.hasPrefix("application/jwt") && !type.hasPrefix("text/plain") && !type.hasPrefix("application/vc+jwt") {
                try JSONInput.requireJSON(request)
            }
            let bytes = Array(try await JSONInput.body(request, limit: InputLimits.jsonBody).readableBytesView)
            let entry = try await record.importCredential(bytes, stated: try Self.stated(request.uri.queryParameters), by: context.account)
            return try JSONInput.response(EntryWire(try await record.entry(entry.id, by: context.account)), status: .created)
        }
        api.get("record/credentials/:id") { _, context in
            try JSONInput.response(EntryWire(try await record.entry(.init(try context.parameters.require("id")), by: context.account)))
        }
        api.patch("record/credentials/:id") { request, context in
            let body = try await JSONInput.decode(HiddenRequest.self, from: request, limit: 1 << 10)
            let id = RecordEntry.ID(try context.parameters.require("id"))
            try await record.setHidden(id, hidden: body.hidden, by: context.account)
            return try JSONInput.response(EntryWire(try await record.entry(id, by: context.account)))
        }
        api.delete("record/credentials/:id") { _, context in
            try await record.delete(.init(try context.parameters.require("id")), by: context.account)
            return Response(status: .noContent)
        }
        api.get("record/progress/:qualification") { _, context in
            let report = try await record.progress(toward: .init(try context.parameters.require("qualification")), by: context.account)
            return try JSONInput.response(ProgressWire(report))
        }
        api.get("record/clr") { request, context in
            let raw = request.uri.queryParameters["entries"]
            if let raw, raw.count > 2_000 {
                throw Problem(.badRequest, "entries: at most 2000 characters of comma-separated ids; name fewer, or make a share link")
            }
            let ids = raw.map { $0.split(separator: ",").map { RecordEntry.ID(String($0)) } }
            return Self.document(try await sharing.clr(ids, by: context.account))
        }
        api.post("record/presentations") { request, context in
            let body = try await JSONInput.decode(PresentationRequest.self, from: request, limit: 16 << 10)
            return Self.document(
                try await sharing.presentation(
                    body.entries?.map { .init($0) }, challenge: body.challenge, domain: body.domain, by: context.account))
        }
        api.post("record/shares") { request, context in
            let body = try await JSONInput.decode(ShareRequest.self, from: request, limit: 16 << 10)
            let created = try await sharing.share(
                body.entries?.map { .init($0) }, days: body.days ?? SharingDesk.defaultDays, by: context.account)
            return try JSONInput.response(ShareWire(created.share, link: created.link, now: created.share.createdAt), status: .created)
        }
        api.get("record/shares") { _, context in
            let now = sharing.now
            return try JSONInput.response(SharesWire(items: try await sharing.shares(by: context.account).map { ShareWire($0, link: nil, now: now) }))
        }
        api.delete("record/shares/:id") { _, context in
            try await sharing.revoke(.init(try context.parameters.require("id")), by: context.account)
            return Response(status: .noContent)
        }
        api.post("record/awards") { request, context in
            let body = try await JSONInput.decode(AwardAsk.self, from: request, limit: 4 << 10)
            return try JSONInput.response(AwardWire(try await awards.request(.init(body.qualification), by: context.account)), status: .created)
        }
        api.get("record/awards") { _, context in
            try JSONInput.response(AwardsWire(items: try await awards.mine(by: context.account).map(AwardWire.init)))
        }
        api.get("providers/:id/award-requests") { _, context in
            let provider = Provider.ID(try context.parameters.require("id"))
            return try JSONInput.response(AwardsWire(items: try await awards.requests(for: provider, by: context.account).map(AwardWire.init)))
        }
        api.post("award-requests/:id/issue") { _, context in
            try JSONInput.response(AwardWire(try await awards.issue(.init(try context.parameters.require("id")), by: context.account)))
        }
        api.post("award-requests/:id/refuse") { request, context in
            let body = try await JSONInput.decode(RefuseRequest.self, from: request, limit: 8 << 10)
            return try JSONInput.response(
                AwardWire(try await awards.refuse(.init(try context.parameters.require("id")), reason: body.reason, by: context.account)))
        }
        api.get("qualifications") { _, _ in
            try JSONInput.response(QualificationsWire(items: try await qualifications.all().map(QualificationWire.init)))
        }
        api.get("qualifications/:id") { request, context in
            let version = request.uri.queryParameters["version"].flatMap { Int(String($0)) }
            return try JSONInput.response(
                QualificationWire(try await qualifications.qualification(.init(try context.parameters.require("id")), version: version)))
        }
        api.put("qualifications/:id") { request, context in
            let input = try await JSONInput.decode(QualificationDesk.Input.self, from: request)
            let id = Qualification.ID(try context.parameters.require("id"))
            return try JSONInput.response(QualificationWire(try await qualifications.save(id, input, by: context.account)))
        }
        api.get("schemas/pathway-rules.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/schema+json"],
                body: .init(byteBuffer: ByteBuffer(bytes: Array(PathwaySchema.text.utf8))))
        }
    }
}

extension LearnerAPIController {
    /// A signed document as a file to keep.
    static func download(_ json: JSON) -> Response {
        var response = document(json)
        response.headers[.contentDisposition] = "attachment; filename=\"learner-record.json\""
        return response
    }

    /// A signed document (a CLR, a presentation) exactly as signed.
    static func document(_ json: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json.canonicalBytes)))
    }

    /// The facts a learner states for a credential that does not say them: `?framework=eqf&level=5&credits=6&hours=150`.
    static func stated(_ query: Hummingbird.Parameters) throws -> LearnerRecordDesk.StatedFacts {
        var issues: [ValidationIssue] = []
        func number(_ name: String) -> Double? {
            guard let text = query[name[...]].map(String.init), !text.isEmpty else { return nil }
            guard let value = Double(text), value.isFinite else {
                issues.append(.init(field: name, message: "must be a number"))
                return nil
            }
            return value
        }
        let level = number("level")
        if let level, level != level.rounded() { issues.append(.init(field: "level", message: "must be a whole number")) }
        let facts = LearnerRecordDesk.StatedFacts(
            framework: query["framework"[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }, level: level.map { Int($0) },
            credits: number("credits"), hours: number("hours"))
        if !issues.isEmpty { throw ValidationFailure(issues) }
        return facts
    }
}

struct AwardsWire: Encodable {
    let items: [AwardWire]
}

/// An award request; `credential` is the signed qualification credential once issued.
struct AwardWire: Encodable {
    let id: String
    let qualification: String
    let version: Int
    let provider: String
    let progress: String
    let entries: [String]
    let status: String
    let requestedAt: Date
    let decidedAt: Date?
    let reason: String?
    let credential: String?

    init(_ request: AwardRequest) {
        id = request.id.rawValue
        qualification = request.qualification.rawValue
        version = request.version
        provider = request.provider.rawValue
        progress = request.progress
        entries = request.entries.map(\.rawValue)
        status = request.status.rawValue
        requestedAt = request.requestedAt
        decidedAt = request.decidedAt
        reason = request.reason
        credential = request.credential
    }
}

struct SharesWire: Encodable {
    let items: [ShareWire]
}

/// A share link as the API answers it; `link` (with the token) only in the answer that creates it.
struct ShareWire: Encodable {
    let id: String
    let link: String?
    let entries: [String]
    let createdAt: Date
    let expiresAt: Date
    let revokedAt: Date?
    let live: Bool

    init(_ share: RecordShare, link: String?, now: Date) {
        id = share.id.rawValue
        self.link = link
        entries = share.entries.map(\.rawValue)
        createdAt = share.createdAt
        expiresAt = share.expiresAt
        revokedAt = share.revokedAt
        live = share.isLive(at: now)
    }
}

struct EntriesWire: Encodable {
    let items: [EntryWire]
}

/// A record entry as the API answers it: its facts and standing; the document itself only when asked for one entry.
struct EntryWire: Encodable {
    let id: String
    let source: String
    let credentialId: String?
    let title: String
    let issuer: String
    let issuerName: String?
    let provider: String?
    let country: String?
    let issuedOn: String?
    let framework: String?
    let level: Int?
    let credits: Double?
    let hours: Double?
    let units: [String]
    let factsSource: String
    let hidden: Bool
    let standing: String
    let addedAt: Date

    init(_ held: LearnerRecordDesk.Held) {
        let entry = held.entry
        id = entry.id.rawValue
        source = entry.source.rawValue
        credentialId = entry.credentialID
        title = entry.title
        issuer = entry.issuer
        issuerName = entry.issuerName
        provider = entry.provider?.rawValue
        country = entry.country
        issuedOn = entry.issuedOn
        framework = entry.framework?.rawValue
        level = entry.level
        credits = entry.credits
        hours = entry.hours
        units = entry.units
        factsSource = entry.factsSource
        hidden = entry.hidden
        standing = held.standing.rawValue
        addedAt = entry.addedAt
    }
}

struct QualificationsWire: Encodable {
    let items: [QualificationWire]
}

struct QualificationWire: Encodable {
    let id: String
    let title: String
    let provider: String?
    let awardingBody: String?
    let framework: String
    let level: Int?
    let totalCredits: Double?
    let description: String?
    let version: Int
    let rules: [PathwayRule]
    let savedAt: Date

    init(_ q: Qualification) {
        id = q.id.rawValue
        title = q.title
        provider = q.provider?.rawValue
        awardingBody = q.awardingBody
        framework = q.framework.rawValue
        level = q.level
        totalCredits = q.totalCredits
        description = q.description
        version = q.version
        rules = q.rules
        savedAt = q.savedAt
    }
}

/// Progress toward a qualification: the version evaluated, each rule with its explanation, each credential's use.
struct ProgressWire: Encodable {
    struct Rule: Encodable {
        let kind: String
        let label: String?
        let status: String
        let have: Span
        let need: Double?
        let count: Int
        let needCount: Int?
        let missing: [String]
        let cut: Span
        let credentials: [String]
        let explanation: String
    }

    struct Use: Encodable {
        let entry: String
        let title: String
        let credits: Span
        let counted: Span
        let excluded: String?
        let basis: String
        let conversion: String
        let level: String?
    }

    let qualification: String
    let title: String
    let version: Int
    let framework: String
    let evaluatedOn: String
    let status: String
    let rules: [Rule]
    let credentials: [Use]

    init(_ report: ProgressReport) {
        let progress = report.progress
        qualification = progress.qualification.rawValue
        title = report.qualification.title
        version = progress.version
        framework = progress.framework.rawValue
        evaluatedOn = progress.evaluatedOn
        status = progress.status.rawValue
        rules = progress.rules.map { outcome in
            Rule(
                kind: outcome.rule.kindName, label: outcome.rule.label, status: outcome.status.rawValue, have: outcome.have, need: outcome.need,
                count: outcome.count, needCount: outcome.needCount, missing: outcome.missing, cut: outcome.cut,
                credentials: outcome.matched.map { report.entries[$0].id.rawValue }, explanation: outcome.explanation)
        }
        credentials = progress.uses.enumerated().map { position, use in
            Use(
                entry: report.entries[position].id.rawValue, title: report.entries[position].title, credits: use.credits, counted: use.counted,
                excluded: use.excluded.map(ProgressWire.exclusion), basis: report.volumes[position].basis.rawValue,
                conversion: report.volumes[position].explanation, level: report.levels[position])
        }
    }

    static func exclusion(_ exclusion: CreditUse.Exclusion) -> String {
        switch exclusion {
        case .duplicate: "duplicate"
        case .tooOld: "too-old"
        case .undated: "undated"
        }
    }
}

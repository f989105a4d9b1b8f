import Foundation
import RecognitionCore
import SQLKit

/// Recognition cases: the queue's columns beside one JSON body (items, evidence, the workflow state with its data).
/// `StoredWorkflow` is the one mapping between `CaseWorkflow.State` and the database.
struct SQLRecognitionStore: RecognitionStore {
    let handle: SQLHandle

    static let summaryColumns = [
        "id", "nic_id", "applicant_id", "applicant_name", "title", "state", "origin_country", "created_at", "submitted_at", "due_at",
        "closed_at", "outcome",
    ]

    func add(_ recognitionCase: RecognitionCase) async throws {
        let row = try Self.row(recognitionCase)
        try await handle.sql.insert(into: "recognition_cases").columns(row.map(\.0)).values(row.map { SQLBind($0.1) }).run()
    }

    func save(_ recognitionCase: RecognitionCase) async throws {
        var update = handle.sql.update("recognition_cases")
        for (column, value) in try Self.row(recognitionCase) where column != "id" { update = update.set(SQLIdentifier(column), to: SQLBind(value)) }
        try await update.where("id", .equal, recognitionCase.id.rawValue).run()
    }

    func recognitionCase(_ id: RecognitionCase.ID) async throws -> RecognitionCase? {
        try await handle.sql.select().columns(Self.summaryColumns.map { SQLColumn($0) } + [SQLColumn("body")]).from("recognition_cases")
            .where("id", .equal, id.rawValue).first().map(Self.recognitionCase)
    }

    /// Counting stops here: a queue shows "at least 10,000" rather than walking every case of a large NIC.
    static let countCap = 10_000

    /// The page's ids come from an index-only subquery (the filters and the order are in the indexes), so a deep page
    /// skips index entries, not table rows; the count stops at `countCap`.
    func cases(_ query: CaseQuery) async throws -> SearchPage<CaseSummary> {
        // Builders are classes: these add their clauses to the builder given.
        func filter(_ builder: any SQLSubqueryClauseBuilder) {
            builder.from("recognition_cases")
            if let nic = query.nic { builder.where("nic_id", .equal, nic.rawValue) }
            if let applicant = query.applicant { builder.where("applicant_id", .equal, applicant.rawValue) }
            if !query.states.isEmpty { builder.where("state", .in, query.states.map(\.rawValue)) }
            if let overdue = query.overdueAt {
                let open = CaseWorkflow.Name.allCases.filter(\.isOpen).map(\.rawValue)
                builder.where("due_at", .lessThan, overdue.timeIntervalSince1970).where("state", .in, open)
            }
            if let country = query.originCountry { builder.where("origin_country", .equal, country) }
            // A learner's draft is listed only to them: a NIC's queue shows what was submitted, and drafts it entered.
            if query.applicant == nil {
                builder.where { $0.where("state", .notEqual, CaseWorkflow.Name.draft.rawValue).orWhere("applicant_id", .is, SQLLiteral.null) }
            }
        }
        let size = max(1, min(query.pageSize, 200))
        let page = max(1, min(query.page, 10_000))
        let newestFirst = query.applicant != nil && query.nic == nil
        func order(_ builder: any SQLSubqueryClauseBuilder) {
            if newestFirst {
                builder.orderBy("created_at", .descending).orderBy("id")
            } else {
                builder.orderBy("due_at", .ascending).orderBy("id")
            }
        }
        let ids = SQLSubquery.select { builder in
            filter(builder.column("id"))
            order(builder)
            return builder.limit(size).offset((page - 1) * size)
        }
        let select = handle.sql.select().columns(Self.summaryColumns.map { SQLColumn($0) }).from("recognition_cases")
            .where(SQLColumn("id"), .in, ids)
        order(select)
        let rows = try await select.all()
        let capped = SQLSubquery.select { builder in
            filter(builder.column(SQLLiteral.numeric("1")))
            return builder.limit(Self.countCap + 1)
        }
        let counted =
            try await handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                SQLAlias(capped, as: SQLIdentifier("capped"))
            )
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return SearchPage(
            items: try rows.map(Self.summary), total: min(counted, Self.countCap), page: page, pageSize: size,
            totalIsCapped: counted > Self.countCap)
    }

    func summaries(nic: NIC.ID) async throws -> [CaseSummary] {
        try await handle.sql.select().columns(Self.summaryColumns.map { SQLColumn($0) }).from("recognition_cases").where(
            "nic_id", .equal, nic.rawValue
        )
        .orderBy("created_at").all().map(Self.summary)
    }

    func savePrecedents(of recognitionCase: RecognitionCase) async throws {
        try await handle.sql.delete(from: "recognition_precedents").where("case_id", .equal, recognitionCase.id.rawValue).run()
        guard let decision = recognitionCase.workflow.decision else { return }
        for item in recognitionCase.items {
            try await handle.sql.insert(into: "recognition_precedents")
                .columns("case_id", "nic_id", "item_key", "title", "outcome", "decided_at")
                .values(
                    SQLBind(recognitionCase.id.rawValue), SQLBind(recognitionCase.nic.rawValue), SQLBind(item.precedentKey), SQLBind(item.title),
                    SQLBind(decision.outcome.rawValue), SQLBind(decision.decidedAt.timeIntervalSince1970)
                ).run()
        }
    }

    func precedents(nic: NIC.ID, keys: [String], excluding: RecognitionCase.ID?) async throws -> [CaseEvidence.Precedent] {
        guard !keys.isEmpty else { return [] }
        var select = handle.sql.select().columns("case_id", "title", "outcome", "decided_at").from("recognition_precedents")
            .where("nic_id", .equal, nic.rawValue).where("item_key", .in, keys)
        if let excluding { select = select.where("case_id", .notEqual, excluding.rawValue) }
        return try await select.orderBy("decided_at", .descending).limit(50).all().map(Self.precedent)
    }

    func precedents(nic: NIC.ID, matching text: String, limit: Int) async throws -> [CaseEvidence.Precedent] {
        let pattern =
            "%"
            + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try await handle.sql.raw(
            """
            SELECT case_id, title, outcome, decided_at FROM recognition_precedents
            WHERE nic_id = \(bind: nic.rawValue) AND LOWER(title) LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY decided_at DESC LIMIT \(bind: max(1, min(limit, 200)))
            """
        ).all().map(Self.precedent)
    }

    func add(_ statement: RecognitionStatement) async throws {
        try await handle.sql.insert(into: "recognition_statements").columns("id", "case_id", "nic_id", "issued_at", "document", "replaces")
            .values(
                SQLBind(statement.id), SQLBind(statement.caseID.rawValue), SQLBind(statement.nic.rawValue),
                SQLBind(statement.issuedAt.timeIntervalSince1970), SQLBind(statement.document), SQLBind(statement.replaces)
            ).run()
    }

    func statement(_ id: String) async throws -> RecognitionStatement? {
        guard let row = try await handle.sql.select().columns("*").from("recognition_statements").where("id", .equal, id).first() else { return nil }
        return RecognitionStatement(
            id: try row.decode(column: "id", as: String.self), caseID: .init(try row.decode(column: "case_id", as: String.self)),
            nic: .init(try row.decode(column: "nic_id", as: String.self)),
            issuedAt: Date(timeIntervalSince1970: try row.decode(column: "issued_at", as: Double.self)),
            document: try row.decode(column: "document", as: String.self), replaces: try row.decode(column: "replaces", as: String?.self))
    }

    func add(_ document: CaseDocument, bytes: [UInt8]) async throws {
        try await handle.sql.insert(into: "case_documents")
            .columns("id", "case_id", "name", "media_type", "size", "sha256", "uploaded_at", "uploaded_by", "content")
            .values(
                SQLBind(document.id.rawValue), SQLBind(document.caseID.rawValue), SQLBind(document.name), SQLBind(document.mediaType.rawValue),
                SQLBind(document.size), SQLBind(document.sha256), SQLBind(document.uploadedAt.timeIntervalSince1970),
                SQLBind(document.uploadedBy.rawValue), SQLBind(Data(bytes).base64EncodedString())
            ).run()
    }

    static let documentColumns = ["id", "case_id", "name", "media_type", "size", "sha256", "uploaded_at", "uploaded_by"]

    func documents(of recognitionCase: RecognitionCase.ID) async throws -> [CaseDocument] {
        try await handle.sql.select().columns(Self.documentColumns.map { SQLColumn($0) }).from("case_documents")
            .where("case_id", .equal, recognitionCase.rawValue).orderBy("uploaded_at").orderBy("id").all().map(Self.document)
    }

    func document(_ id: CaseDocument.ID) async throws -> (document: CaseDocument, bytes: [UInt8])? {
        guard
            let row = try await handle.sql.select().columns((Self.documentColumns + ["content"]).map { SQLColumn($0) }).from("case_documents")
                .where("id", .equal, id.rawValue).first()
        else { return nil }
        guard let bytes = Data(base64Encoded: try row.decode(column: "content", as: String.self)) else {
            throw StoreError.unknownValue(column: "content", value: "(not base64)")
        }
        return (try Self.document(row), Array(bytes))
    }

    static func document(_ row: any SQLRow) throws -> CaseDocument {
        let type = try row.decode(column: "media_type", as: String.self)
        guard let mediaType = CaseDocument.MediaType(rawValue: type) else { throw StoreError.unknownValue(column: "media_type", value: type) }
        return CaseDocument(
            id: .init(try row.decode(column: "id", as: String.self)), caseID: .init(try row.decode(column: "case_id", as: String.self)),
            name: try row.decode(column: "name", as: String.self), mediaType: mediaType, size: try row.decode(column: "size", as: Int.self),
            sha256: try row.decode(column: "sha256", as: String.self),
            uploadedAt: Date(timeIntervalSince1970: try row.decode(column: "uploaded_at", as: Double.self)),
            uploadedBy: .init(try row.decode(column: "uploaded_by", as: String.self)))
    }

    func targetDays(of nic: NIC.ID) async throws -> Int? {
        try await handle.sql.select().column("target_days").from("nic_settings").where("nic_id", .equal, nic.rawValue).first()
            .map { try $0.decode(column: "target_days", as: Int.self) }
    }

    func setTargetDays(_ days: Int, of nic: NIC.ID) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO nic_settings (nic_id, target_days) VALUES (\(bind: nic.rawValue), \(bind: days))
            ON CONFLICT (nic_id) DO UPDATE SET target_days = excluded.target_days
            """
        ).run()
    }

    // MARK: rows

    /// What the JSON body holds: everything not in a column of its own.
    struct Body: Codable {
        var applicantEmail: String?
        var createdBy: String
        var purpose: RecognitionCase.Purpose
        var kind: RecognitionCase.Kind
        var note: String?
        var items: [CaseItem]
        var evidence: CaseEvidence?
        var statements: [String]
        var workflow: StoredWorkflow
    }

    /// `CaseWorkflow.State` as stored: its name and the data of that state.
    struct StoredWorkflow: Codable {
        var name: CaseWorkflow.Name
        var at: Date?
        var by: String?
        var decision: Decision?
        var appeal: Appeal?
        var appealDecision: Decision?
        var withdrawnFrom: CaseWorkflow.Name?

        init(_ state: CaseWorkflow.State) {
            switch state {
            case .draft: name = .draft
            case .submitted(let at): (name, self.at) = (.submitted, at)
            case .evidenceGathered(let at): (name, self.at) = (.evidenceGathered, at)
            case .underAssessment(let by, let since): (name, self.by, at) = (.underAssessment, by.rawValue, since)
            case .decided(let decision): (name, self.decision) = (.decided, decision)
            case .appealed(let decision, let appeal): (name, self.decision, self.appeal) = (.appealed, decision, appeal)
            case .appealDecided(let decision, let appeal, let final):
                (name, self.decision, self.appeal, appealDecision) = (.appealDecided, decision, appeal, final)
            case .withdrawn(let at, let from): (name, self.at, withdrawnFrom) = (.withdrawn, at, from)
            }
        }

        var state: CaseWorkflow.State {
            get throws {
                func missing(_ field: String) -> StoreError {
                    .unknownValue(column: "body.workflow.\(field)", value: "(missing for \(name.rawValue))")
                }
                switch name {
                case .draft: return .draft
                case .submitted: return .submitted(at: try at ?? { throw missing("at") }())
                case .evidenceGathered: return .evidenceGathered(at: try at ?? { throw missing("at") }())
                case .underAssessment:
                    return .underAssessment(by: .init(try by ?? { throw missing("by") }()), since: try at ?? { throw missing("at") }())
                case .decided: return .decided(try decision ?? { throw missing("decision") }())
                case .appealed: return .appealed(try decision ?? { throw missing("decision") }(), try appeal ?? { throw missing("appeal") }())
                case .appealDecided:
                    return .appealDecided(
                        try decision ?? { throw missing("decision") }(), try appeal ?? { throw missing("appeal") }(),
                        try appealDecision ?? { throw missing("appeal_decision") }())
                case .withdrawn:
                    return .withdrawn(at: try at ?? { throw missing("at") }(), from: try withdrawnFrom ?? { throw missing("withdrawn_from") }())
                }
            }
        }
    }

    static func row(_ c: RecognitionCase) throws -> [(String, any Encodable & Sendable)] {
        let body = Body(
            applicantEmail: c.applicantEmail, createdBy: c.createdBy.rawValue, purpose: c.purpose, kind: c.kind, note: c.note, items: c.items,
            evidence: c.evidence, statements: c.statements, workflow: StoredWorkflow(c.workflow.state))
        return [
            ("id", c.id.rawValue), ("nic_id", c.nic.rawValue), ("applicant_id", c.applicant?.rawValue), ("applicant_name", c.applicantName),
            ("title", c.items.first?.title ?? ""), ("state", c.workflow.name.rawValue), ("origin_country", c.originCountry),
            ("created_at", c.createdAt.timeIntervalSince1970), ("submitted_at", c.submittedAt?.timeIntervalSince1970),
            ("due_at", c.dueAt?.timeIntervalSince1970), ("closed_at", c.closedAt?.timeIntervalSince1970),
            ("outcome", c.workflow.decision?.outcome.rawValue), ("body", String(decoding: try JSONEncoder().encode(body), as: UTF8.self)),
        ]
    }

    static func summary(_ row: any SQLRow) throws -> CaseSummary {
        let state = try row.decode(column: "state", as: String.self)
        guard let name = CaseWorkflow.Name(rawValue: state) else { throw StoreError.unknownValue(column: "state", value: state) }
        let outcome = try row.decode(column: "outcome", as: String?.self)
        return CaseSummary(
            id: .init(try row.decode(column: "id", as: String.self)), nic: .init(try row.decode(column: "nic_id", as: String.self)),
            applicant: try row.decode(column: "applicant_id", as: String?.self).map { .init($0) },
            applicantName: try row.decode(column: "applicant_name", as: String.self), title: try row.decode(column: "title", as: String.self),
            state: name, originCountry: try row.decode(column: "origin_country", as: String?.self),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
            submittedAt: try row.decode(column: "submitted_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            dueAt: try row.decode(column: "due_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            closedAt: try row.decode(column: "closed_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            outcome: try outcome.map { text in
                guard let known = Decision.Outcome(rawValue: text) else { throw StoreError.unknownValue(column: "outcome", value: text) }
                return known
            })
    }

    static func recognitionCase(_ row: any SQLRow) throws -> RecognitionCase {
        let summary = try summary(row)
        let body = try JSONDecoder().decode(Body.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
        return RecognitionCase(
            id: summary.id, nic: summary.nic, applicant: summary.applicant, applicantName: summary.applicantName,
            applicantEmail: body.applicantEmail, createdBy: .init(body.createdBy), purpose: body.purpose, kind: body.kind, note: body.note,
            items: body.items, workflow: CaseWorkflow(state: try body.workflow.state), evidence: body.evidence, statements: body.statements,
            createdAt: summary.createdAt, submittedAt: summary.submittedAt, dueAt: summary.dueAt, closedAt: summary.closedAt)
    }

    static func precedent(_ row: any SQLRow) throws -> CaseEvidence.Precedent {
        let outcome = try row.decode(column: "outcome", as: String.self)
        return CaseEvidence.Precedent(
            caseID: .init(try row.decode(column: "case_id", as: String.self)), title: try row.decode(column: "title", as: String.self),
            outcome: try Decision.Outcome(rawValue: outcome) ?? { throw StoreError.unknownValue(column: "outcome", value: outcome) }(),
            decidedAt: Date(timeIntervalSince1970: try row.decode(column: "decided_at", as: Double.self)))
    }
}

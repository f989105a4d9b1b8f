import Credentials
import Crypto
import Foundation
import RecognitionCore

extension RecognitionDesk {
    /// Attaches a scanned document (PDF, JPEG or PNG, by its bytes) to a draft: the applicant, or for a case the NIC
    /// entered, its evaluators. Once submitted, the evidence is what it is.
    public func attach(_ bytes: [UInt8], name: String, to id: RecognitionCase.ID, by caller: Account?) async throws -> CaseDocument {
        try Self.authorizeDraftEditor(caller)
        let recognitionCase = try await self.recognitionCase(id, by: caller)
        try Self.authorizeApplicant(recognitionCase, caller: caller)
        guard let account = caller else { throw AccessError.unauthenticated }
        guard recognitionCase.workflow.name == .draft else {
            throw StoreError.conflict("documents are attached to a draft; this case is \(recognitionCase.workflow.name.rawValue)")
        }
        guard !bytes.isEmpty, bytes.count <= CaseDocument.maxBytes else {
            throw ValidationFailure([.init(field: "content", message: "a document is 1 byte to \(CaseDocument.maxBytes >> 20) MiB")])
        }
        guard let type = CaseDocument.MediaType(sniffing: bytes) else {
            throw ValidationFailure([.init(field: "content", message: "must be a PDF, JPEG or PNG file")])
        }
        let document = CaseDocument(
            id: .init("doc-" + Hex.encode(dependencies.random.bytes(10))), caseID: id, name: Self.fileName(name), mediaType: type,
            size: bytes.count, sha256: Hex.encode(SHA256.hash(data: bytes)), uploadedAt: dependencies.clock.now, uploadedBy: account.id)
        try await stores.transaction { tx in
            guard try await tx.recognition.documents(of: id).count < CaseDocument.maxPerCase else {
                throw StoreError.conflict("a case holds at most \(CaseDocument.maxPerCase) documents")
            }
            try await tx.recognition.add(document, bytes: bytes)
            try await dependencies.record(
                .create, .init(.recognitionCase, id.rawValue), by: caller,
                summary: ["document": document.name, "sha256": document.sha256, "size": "\(document.size)"], in: tx)
        }
        return document
    }

    /// The last path component of what the sender called it, printable, at most 200 characters; "document" if empty.
    static func fileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.prefix(200))
        return printable.trimmingCharacters(in: .whitespaces).isEmpty ? "document" : printable
    }

    public func documents(of id: RecognitionCase.ID, by caller: Account?) async throws -> [CaseDocument] {
        try await documents(of: try await recognitionCase(id, by: caller), by: caller)
    }

    /// The documents of a case already read (the case's response, its page): checked without reading it again.
    public func documents(of recognitionCase: RecognitionCase, by caller: Account?) async throws -> [CaseDocument] {
        try Self.authorizeRead(recognitionCase, by: caller)
        return try await stores.recognition.documents(of: recognitionCase.id)
    }

    /// One document's bytes, for those who may read its case.
    public func document(_ documentID: CaseDocument.ID, of id: RecognitionCase.ID, by caller: Account?) async throws
        -> (document: CaseDocument, bytes: [UInt8])
    {
        _ = try await recognitionCase(id, by: caller)
        guard let found = try await stores.recognition.document(documentID), found.document.caseID == id else {
            throw StoreError.notFound(kind: "document", id: documentID.rawValue)
        }
        return found
    }
}

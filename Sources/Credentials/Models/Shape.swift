/// Required-field checks for the credential types Accord knows (Open Badges 3.0, CLR 2.0, plain VC).
enum Shape {
    static func check(_ credential: [String: JSON]) -> VerificationReport.Outcome {
        let missing = missingFields(credential)
        return missing.isEmpty ? .passed : .failed(reason: "missing or malformed: " + missing.joined(separator: ", "))
    }

    static func missingFields(_ credential: [String: JSON]) -> [String] {
        let types = (credential["type"]?.items ?? []).compactMap(\.stringValue)
        var missing: [String] = []
        func require(_ condition: Bool, _ field: String) { if !condition { missing.append(field) } }
        require(types.contains("VerifiableCredential"), "type VerifiableCredential")
        require(credential["issuer"]?.stringValue != nil || credential["issuer"]?["id"]?.stringValue != nil, "issuer")
        require(credential["credentialSubject"] != nil, "credentialSubject")
        if types.contains("OpenBadgeCredential") || types.contains("AchievementCredential") {
            let contexts = (credential["@context"]?.items ?? []).compactMap(\.stringValue)
            require(contexts.contains { $0.hasPrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") }, "@context Open Badges 3.0")
            require(credential["id"]?.stringValue != nil, "id")
            require(credential["name"]?.stringValue != nil, "name")
            require(credential["validFrom"]?.stringValue != nil || credential["issuanceDate"]?.stringValue != nil, "validFrom")
            let issuer = credential["issuer"]
            require(issuer?["id"]?.stringValue != nil && (issuer?["type"]?.items ?? []).contains("Profile"), "issuer (a Profile with id and type)")
            let subject = credential["credentialSubject"]
            require((subject?["type"]?.items ?? []).contains("AchievementSubject"), "credentialSubject.type AchievementSubject")
            let achievement = subject?["achievement"]
            require(achievement?["id"]?.stringValue != nil, "achievement.id")
            require((achievement?["type"]?.items ?? []).contains("Achievement"), "achievement.type Achievement")
            require(achievement?["name"]?.stringValue != nil, "achievement.name")
            require(achievement?["description"]?.stringValue != nil, "achievement.description")
            let criteria = achievement?["criteria"]
            require(criteria?["id"]?.stringValue != nil || criteria?["narrative"]?.stringValue != nil, "achievement.criteria (id or narrative)")
        }
        if types.contains("ClrCredential") {
            require(credential["id"]?.stringValue != nil, "id")
            require(credential["name"]?.stringValue != nil, "name")
            let subject = credential["credentialSubject"]
            require((subject?["type"]?.items ?? []).contains("ClrSubject"), "credentialSubject.type ClrSubject")
            require(!(subject?["verifiableCredential"]?.items ?? []).isEmpty, "credentialSubject.verifiableCredential")
        }
        return missing
    }
}

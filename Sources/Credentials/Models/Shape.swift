/// Required-field checks for the credential types Accord knows (Open Badges 3.0, CLR 2.0, plain VC).
enum Shape {
    static func check(_ credential: JSONObject) -> VerificationReport.Outcome {
        let missing = missingFields(credential)
        return missing.isEmpty ? .passed : .failed(reason: "missing or malformed: " + missing.joined(separator: ", "))
    }

    static func missingFields(_ credential: JSONObject) -> [String] {
        let type = credential["type"]
        let issuer = credential["issuer"]
        let subject = credential["credentialSubject"]
        var missing: [String] = []
        func require(_ condition: Bool, _ field: String) { if !condition { missing.append(field) } }
        require(type.includes("VerifiableCredential"), "type VerifiableCredential")
        require(issuer?.stringValue != nil || issuer?["id"]?.stringValue != nil, "issuer")
        require(subject != nil, "credentialSubject")
        if type.includes("OpenBadgeCredential") || type.includes("AchievementCredential") {
            let contexts = credential["@context"]?.items ?? []
            require(
                contexts.contains { $0.stringValue?.hasBytePrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") == true },
                "@context Open Badges 3.0")
            require(credential["id"]?.stringValue != nil, "id")
            require(credential["name"]?.stringValue != nil, "name")
            require(credential["validFrom"]?.stringValue != nil || credential["issuanceDate"]?.stringValue != nil, "validFrom")
            require(issuer?["id"]?.stringValue != nil && (issuer?["type"]).includes("Profile"), "issuer (a Profile with id and type)")
            require((subject?["type"]).includes("AchievementSubject"), "credentialSubject.type AchievementSubject")
            let achievement = subject?["achievement"]
            require(achievement?["id"]?.stringValue != nil, "achievement.id")
            require((achievement?["type"]).includes("Achievement"), "achievement.type Achievement")
            require(achievement?["name"]?.stringValue != nil, "achievement.name")
            require(achievement?["description"]?.stringValue != nil, "achievement.description")
            let criteria = achievement?["criteria"]
            require(criteria?["id"]?.stringValue != nil || criteria?["narrative"]?.stringValue != nil, "achievement.criteria (id or narrative)")
        }
        if type.includes("ClrCredential") {
            require(credential["id"]?.stringValue != nil, "id")
            require(credential["name"]?.stringValue != nil, "name")
            require((subject?["type"]).includes("ClrSubject"), "credentialSubject.type ClrSubject")
            require(!(subject?["verifiableCredential"]?.items ?? []).isEmpty, "credentialSubject.verifiableCredential")
        }
        return missing
    }
}

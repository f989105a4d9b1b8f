import Credentials
import RecognitionCore

/// The interface names of the domain's enumerations, as catalogue phrases (one exhaustive switch each, so a new case
/// cannot go without a name). Pages translate them with the request's `Words`.
enum Labels {
    static func status(_ status: Microcredential.Status) -> Phrase {
        switch status {
        case .draft: Phrase("draft")
        case .submitted: Phrase("submitted for review")
        case .returned: Phrase("returned for changes")
        case .approved: Phrase("approved")
        case .changed: Phrase("changed since approval")
        case .withdrawn: Phrase("withdrawn")
        }
    }

    static func step(_ step: ListingReview.Step) -> Phrase {
        switch step {
        case .submit: Phrase("Submit for review")
        case .approve: Phrase("Approve")
        case .return: Phrase("Return with reasons")
        case .withdraw: Phrase("Withdraw")
        }
    }

    static func mode(_ mode: Microcredential.Mode) -> Phrase {
        switch mode {
        case .online: Phrase("online")
        case .onSite: Phrase("on site")
        case .blended: Phrase("blended")
        }
    }

    static func qaStatus(_ status: QAStanding.Status) -> Phrase {
        switch status {
        case .accredited: Phrase("accredited")
        case .registered: Phrase("registered")
        case .provisional: Phrase("provisional")
        case .withdrawn: Phrase("QA withdrawn")
        case .unknown: Phrase("unknown")
        }
    }

    static func kind(_ kind: Provider.Kind) -> Phrase {
        switch kind {
        case .university: Phrase("university")
        case .polytechnic: Phrase("polytechnic")
        case .vocational: Phrase("vocational")
        case .privateTraining: Phrase("private training establishment")
        case .industry: Phrase("industry")
        case .professionalBody: Phrase("professional body")
        case .government: Phrase("government")
        }
    }

    static func role(_ kind: Role.Kind) -> Phrase {
        switch kind {
        case .admin: Phrase("admin")
        case .providerStaff: Phrase("provider staff")
        case .evaluator: Phrase("evaluator")
        case .focalPoint: Phrase("focal point")
        case .learner: Phrase("learner")
        }
    }

    static func outcome(_ outcome: ConformanceReport.Outcome) -> Phrase {
        switch outcome {
        case .met: Phrase("met")
        case .notMet: Phrase("not met")
        case .missing: Phrase("missing")
        case .atIssuance: Phrase("at issuance")
        }
    }

    static func confirmation(_ confirmation: Confirmation) -> Phrase {
        switch confirmation {
        case .confirmed: Phrase("confirmed")
        case .partial: Phrase("partly confirmed")
        case .unconfirmed: Phrase("unconfirmed")
        }
    }

    static func step(_ step: VerificationReport.Step) -> Phrase {
        switch step {
        case .parse: Phrase("Readable")
        case .contexts: Phrase("Known vocabularies")
        case .proof: Phrase("Signature")
        case .issuer: Phrase("Signed by its issuer")
        case .validity: Phrase("Within its validity dates")
        case .status: Phrase("Not revoked or suspended")
        case .shape: Phrase("Well formed")
        case .registry: Phrase("Accord's registry")
        }
    }

    static func stepOutcome(_ outcome: String) -> Phrase {
        switch outcome {
        case "passed": Phrase("passed")
        case "failed": Phrase("failed")
        default: Phrase("not checked")
        }
    }

    static func keyState(_ state: IssuerKey.State) -> Phrase {
        switch state {
        case .active: Phrase("active")
        case .retired: Phrase("retired")
        case .compromised: Phrase("compromised")
        }
    }

    static func credentialState(_ state: IssuedCredential.State) -> Phrase {
        switch state {
        case .issued: Phrase("issued")
        case .revoked: Phrase("revoked")
        case .suspended: Phrase("suspended")
        }
    }

    static func batchState(_ state: IssuanceBatch.State) -> Phrase {
        switch state {
        case .preview: Phrase("preview: not yet issued")
        case .running: Phrase("issuing")
        case .done: Phrase("done")
        case .cancelled: Phrase("cancelled")
        }
    }
}

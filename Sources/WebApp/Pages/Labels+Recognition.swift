import RecognitionCore

/// The interface names of recognition's enumerations.
extension Labels {
    static func caseState(_ state: CaseWorkflow.Name) -> Phrase {
        switch state {
        case .draft: Phrase("draft")
        case .submitted: Phrase("submitted")
        case .evidenceGathered: Phrase("evidence gathered")
        case .underAssessment: Phrase("under assessment")
        case .decided: Phrase("decided")
        case .appealed: Phrase("appealed")
        case .appealDecided: Phrase("appeal decided")
        case .withdrawn: Phrase("withdrawn")
        }
    }

    static func outcome(_ outcome: Decision.Outcome) -> Phrase {
        switch outcome {
        case .full: Phrase("full recognition")
        case .partial: Phrase("partial recognition")
        case .conditional: Phrase("conditional recognition")
        case .alternative: Phrase("alternative recognition (another level)")
        case .refused: Phrase("recognition refused")
        }
    }

    static func purpose(_ purpose: RecognitionCase.Purpose) -> Phrase {
        switch purpose {
        case .furtherStudy: Phrase("further study")
        case .employment: Phrase("employment")
        case .professionalPractice: Phrase("professional practice")
        }
    }

    static func caseKind(_ kind: RecognitionCase.Kind) -> Phrase {
        switch kind {
        case .wholeQualification: Phrase("a whole qualification")
        case .microcredential: Phrase("a microcredential")
        case .partialStudies: Phrase("partial studies")
        case .priorLearning: Phrase("prior (non-formal) learning")
        }
    }

    static func difference(_ kind: SubstantialDifference.Kind) -> Phrase {
        switch kind {
        case .level: Phrase("level")
        case .workload: Phrase("workload")
        case .learningOutcomes: Phrase("learning outcomes")
        case .qualityAssurance: Phrase("quality assurance")
        case .purpose: Phrase("purpose")
        }
    }

    static func basis(_ basis: Comparison.Basis) -> Phrase {
        switch basis {
        case .official: Phrase("official statement")
        case .viaHub: Phrase("through a framework in between")
        case .none: Phrase("no basis")
        }
    }
}

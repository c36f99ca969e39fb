//! What a refusal says, as a message key with its arguments.
//!
//! The domain and the services never write user-facing text: they return a [`Msg`], and the UI
//! renders it from its texts (`ui::texts::sv::message`), so a second language is one more
//! renderer. JSON callers get the key and the arguments, e.g.
//! `{"key":"too_long","args":{"label":"name","max":200}}`.

use super::lifecycle::ExerciseStatus;
use serde::{Deserialize, Serialize};

/// The label of the field a message is about, for messages that name it ("Namn måste fyllas i.").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Name,
    Code,
    Title,
    RequirementTitle,
    Description,
    Counterparty,
    Deliverable,
    Cadence,
    Recipient,
    Source,
    Location,
    ExternalParticipants,
    Purpose,
    Scenario,
    Funding,
    Objective,
    Username,
    Start,
    End,
    Justification,
    Shortcomings,
    Measures,
    LevelLabel,
    Anchor,
    Reason,
    Responsible,
    Progress,
    Document,
    BasicCriteria,
    QualityCriteria,
    Note,
    Unit,
    ScenarioStart,
    PlannedAt,
    Sender,
    Content,
    ExpectedActions,
    EntryText,
    CriticalTask,
    SourceRef,
    FindingTitle,
    ActionText,
    Criterion,
    Lesson,
    Hotwash,
    Summary,
}

/// One message: the key is the variant, the arguments are its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "key", content = "args", rename_all = "snake_case")]
pub enum Msg {
    // Text and dates, for any field.
    Required {
        label: Label,
    },
    TooLong {
        label: Label,
        max: usize,
    },
    DateRequired,
    DateFormat,
    DateTimeRequired {
        label: Label,
    },
    DateTimeFormat {
        label: Label,
    },

    // Förvaltningar and catalogues.
    CodeAlphanumeric,
    CodeAlphanumericDash,
    ForvaltningKindRequired,
    ForvaltningCodeTaken,
    CapabilityCodeTaken,
    RequirementCodeTaken,
    NatoRequirementList,
    TooManyRequirements {
        max: usize,
    },
    UnknownRequirements,
    ValidToBeforeValidFrom,

    // Accounts and signing in.
    BadCredentials,
    UsernameCharacters,
    UsernameTaken,
    RoleRequired,
    OwnAdminRole,
    PasswordTooShort {
        min: usize,
    },
    PasswordTooLong {
        max: usize,
    },
    TooManyScopeForvaltningar {
        max: usize,
    },
    ScopeBoth,
    ScopeMissing,
    UnknownForvaltningar,

    // Exercises.
    FormatRequired,
    EndBeforeStart,
    LeadRequired,
    UnknownForvaltning,
    InactiveForvaltning,
    InactiveParticipant {
        name: String,
    },
    UnknownParticipants,
    TooManyParticipants {
        max: usize,
    },
    LeadOutsideScopeCreate,
    LeadOutsideScopeUpdate,
    TooManyObjectives {
        max: usize,
    },
    ObjectiveCapabilityRequired,
    TooManyObjectiveRequirements {
        max: usize,
    },
    UnknownObjective,
    UnknownCapability,
    UnknownRequirement,
    ObjectiveGone,
    /// An objective with ratings, findings or a verification cannot be removed.
    ObjectiveInUse,
    NewExerciseHasObjectives,
    ReadyNeedsObjectives,
    UnknownStatus,
    TransitionNotAllowed {
        from: ExerciseStatus,
        to: ExerciseStatus,
    },
    NeedsObjective,
    CancelReasonRequired,
    CancelReasonTooLong {
        max: usize,
    },
    ConfirmDelete,

    // Conflicts (409).
    ExerciseFinished,
    ExerciseChangedKeepInput,
    ExerciseChangedReload,
    ConductedNotDeletable,
    RequestInProgress,

    // Idempotency keys.
    IdempotencyKeyFormat,
    IdempotencyKeyReused,

    // Capability assessments.
    LevelRange,
    TargetRange,
    JustificationBelowTarget,
    TooManyLines {
        label: Label,
        max: usize,
    },
    LineTooLong {
        label: Label,
        max: usize,
    },
    UnknownEvidence,
    EvidenceNotConducted,
    TooMuchEvidence {
        max: usize,
    },
    AssessedInFuture,
    UnknownPeriod,
    AssessmentNotDraft,
    AssessmentNotSubmitted,
    ApproveOwnAssessment,
    ApproverNotRegionWide,
    ReturnCommentRequired,
    AssessmentChangedKeepInput,
    AssessmentChangedReload,
    AssessmentExists,
    PeriodKindRequired,
    RuleRequired,
    EvidenceMonthsRange {
        max: usize,
    },
    SettingsChanged,

    // NÖK fulfilment, the calendar, indicators and briefs.
    StatusReasonRequired,
    FulfilmentChanged,
    UnknownCriterion,
    RequirementNotPerForvaltning,
    RequirementPerForvaltning,
    UnknownEvidenceItem,
    EvidenceExists,
    MappingOtherAgreement,
    RolloverStartsTooEarly,
    NewAreaLine,
    RolloverWithoutAreas,
    TooManyAreas {
        max: usize,
    },
    AlreadyRolledOver,
    DeadlineKindRequired,
    DeadlineChanged,
    DirectionRequired,
    YearRange {
        min: i32,
        max: i32,
    },
    NumberFormat,
    TargetYearBeforeBaseline,
    IndicatorChanged,
    ValueNotPerForvaltning,
    BriefTitleRequired,

    // Live conduct: staff, injects, the clock and the log.
    OffsetRange {
        max: i64,
    },
    InjectNumberRange {
        max: i64,
    },
    InjectNumberTaken {
        number: i64,
    },
    ChannelUnknown,
    EntryKindRequired,
    EntryKindNotForRole,
    ObservedAtImplausible,
    UnknownInject,
    UnknownUser,
    NotOnStaff,
    StaffRoleRequired,
    StaffObserverOnly,
    LogClosed,
    PlayNotRunning,
    ClockChanged,
    InjectChanged,
    InjectNotPlanned,
    InjectSent,
    TooManyInjects {
        max: usize,
    },
    UnknownAction,
    CorrectOwnEntries,
    UnknownEntry,
    ImportRow {
        row: usize,
        column: String,
        message: Box<Msg>,
    },
    ImportFileRequired,
    ImportFileKind,
    ImportTooLarge {
        max_kb: usize,
    },
    ImportMalformed,
    ImportColumnsMissing {
        columns: String,
    },
    ImportEmpty,
    InjectListHasSent,

    // Evaluation and the report.
    RatingRequired,
    FinalRatingRequired,
    TooManyEntries {
        max: usize,
    },
    TooManyTasks {
        max: usize,
    },
    ReportHasDisputes {
        count: usize,
    },
    ReportHasUnrated {
        count: usize,
    },
    NotAnEvaluator,
    NotAssignedEvaluator,
    EvaluationClosed,
    EvaluationNotOpen,
    ReportApproved,
    ReportNotApproved,

    // Findings and corrective actions.
    FindingKindRequired,
    FindingSourceRequired,
    CapabilityRequired,
    UnknownChoice,
    OwnerRequired,
    ResponsibleRequired,
    PoeteRequired,
    VerifierRequired,
    VerifierIsResponsible,
    VerificationNeedsExercise,
    VerificationNeedsLaterExercise,
    VerificationNeedsPassingRating,
    VerificationNeedsRating,
    ActionNotInStatus,
    DropReasonRequired,
    FindingNotDecided,
    NoRetestProposed,
    ActionChangedReload,
    FindingChangedReload,
    FindingHasActions,
    NotAnImprovement,
    RetestTargetStarted,

    /// A message the server has already worded: what the browser makes of a refused call (see
    /// `AppError::decode_worded`), so that it needs no copy of the message catalogue. Never sent.
    #[serde(skip)]
    Worded(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_the_key_and_the_arguments() {
        let m = Msg::TooLong {
            label: Label::Name,
            max: 200,
        };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"key":"too_long","args":{"label":"name","max":200}}"#
        );
        assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), m);
        assert_eq!(
            serde_json::to_string(&Msg::BadCredentials).unwrap(),
            r#"{"key":"bad_credentials"}"#
        );
    }
}

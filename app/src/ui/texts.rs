//! Every user-facing UI string in one place (Swedish), so a second language can be added by
//! providing another module with the same names. Messages from the domain and the services
//! (`domain::Msg`: a key with arguments) are rendered here by `message`. Domain labels (statuses,
//! formats, roles) come from `domain`'s `label()` functions.

pub mod sv {
    use crate::domain::{Label, Msg};

    pub const APP_NAME: &str = "Redo";
    pub const TAGLINE: &str = "Övningsplanering och beredskapsuppföljning";
    pub const SKIP_TO_CONTENT: &str = "Hoppa till innehållet";
    pub const NOT_CLASSIFIED: &str = "Redo är inte avsett för säkerhetsskyddsklassificerade uppgifter. Håll scenarier och loggar på öppen nivå.";

    pub const NAV_LABEL: &str = "Huvudmeny";
    pub const NAV_HOME: &str = "Översikt";
    pub const NAV_EXERCISES: &str = "Övningar";
    pub const NAV_PLAN: &str = "Flerårsplan";
    pub const NAV_COVERAGE: &str = "Täckning";
    pub const NAV_CATALOGUE: &str = "Kataloger";
    pub const NAV_USERS: &str = "Användare";
    pub const NAV_AUDIT: &str = "Händelselogg";
    pub const LOGOUT: &str = "Logga ut";
    pub const SIGNED_IN_AS: &str = "Inloggad som";

    pub const LOGIN_TITLE: &str = "Logga in";
    pub const LOGIN_INTRO: &str = "Logga in med ditt konto i Redo.";
    pub const USERNAME: &str = "Användarnamn";
    pub const PASSWORD: &str = "Lösenord";
    pub const LOGIN_BUTTON: &str = "Logga in";

    pub const HOME_TITLE: &str = "Översikt";
    pub const HOME_UPCOMING: &str = "Kommande övningar";
    pub const HOME_NONE_UPCOMING: &str = "Inga kommande övningar är planerade.";
    pub const HOME_GAPS: &str = "Förmågeområden utan övning under mandatperioden";
    pub const HOME_NO_GAPS: &str = "Alla förmågeområden har övats eller planerats under perioden.";

    pub const EXERCISES_TITLE: &str = "Övningar";
    pub const NEW_EXERCISE: &str = "Ny övning";
    pub const EDIT_EXERCISE: &str = "Redigera övning";
    pub const FILTER: &str = "Filtrera";
    pub const CLEAR_FILTER: &str = "Rensa filter";
    pub const SEARCH: &str = "Sök på namn";
    pub const ALL: &str = "Alla";
    pub const YEAR: &str = "År";
    pub const FORVALTNING: &str = "Förvaltning";
    pub const FORMAT: &str = "Övningsform";
    pub const STATUS: &str = "Status";
    pub const CAPABILITY: &str = "Förmågeområde";
    pub const NO_EXERCISES: &str = "Inga övningar matchar filtret.";
    pub const COUNT_SUFFIX: &str = "övningar";

    pub const NAME: &str = "Namn";
    pub const WHEN: &str = "Tid";
    pub const STARTS_AT: &str = "Start";
    pub const ENDS_AT: &str = "Slut";
    pub const LOCATION: &str = "Plats";
    pub const LEAD: &str = "Ansvarig förvaltning";
    pub const PARTICIPANTS: &str = "Deltagande förvaltningar";
    pub const EXTERNAL: &str = "Externa deltagare";
    pub const EXTERNAL_HINT: &str =
        "En per rad eller åtskilda med komma, t.ex. Länsstyrelsen, Räddningstjänsten.";
    pub const JOINT: &str = "Samverkansövning (med externa aktörer)";
    pub const PURPOSE: &str = "Syfte";
    pub const SCENARIO: &str = "Scenario (sammanfattning)";
    pub const INACTIVE_LOWER: &str = "inaktiv";
    pub const DESIGN_WITHHELD: &str = "Scenariot och finansieringen visas bara för planerare, övningsledning och utvärderare: deltagare ska inte känna till scenariot i förväg.";
    pub const FUNDING: &str = "Finansiering";
    pub const FUNDING_HINT: &str =
        "T.ex. MSB del 1, MSB del 2, Socialstyrelsen statsbidrag, egen budget.";
    pub const OBJECTIVES: &str = "Mål";
    pub const OBJECTIVE: &str = "Mål";
    pub const OBJECTIVE_TEXT: &str = "Målformulering";
    pub const OBJECTIVE_CAPABILITY: &str = "Förmågeområde som övas";
    pub const OBJECTIVE_REQUIREMENTS: &str = "Kravområden (NÖK m.fl.)";
    pub const OBJECTIVES_HINT: &str =
        "Tomma rader sparas inte. Varje mål ska ange vilket förmågeområde det övar.";
    pub const ADD_OBJECTIVE: &str = "Lägg till mål";
    pub const CHOOSE: &str = "Välj…";
    pub const SAVE: &str = "Spara";
    pub const SAVING: &str = "Sparar…";
    pub const CANCEL: &str = "Avbryt";
    pub const DELETE: &str = "Ta bort övningen";
    pub const DELETE_OPEN: &str = "Ta bort övningen…";
    pub const DELETE_CONFIRM: &str =
        "Övningen tas bort permanent, med sina mål. Det går inte att ångra.";
    pub const DELETE_CONFIRM_CHECK: &str = "Jag vill ta bort övningen";
    pub const EDIT: &str = "Redigera";
    pub const CHANGE_STATUS: &str = "Ändra status";
    pub const CANCEL_REASON: &str = "Orsak till att övningen ställs in";
    pub const CANCELLED_BECAUSE: &str = "Inställd:";
    pub const NO_OBJECTIVES: &str =
        "Övningen har inga mål ännu. Lägg till minst ett mål innan den kan bli Redo.";
    pub const DETAILS: &str = "Uppgifter";
    pub const NOT_SET: &str = "–";
    pub const BACK_TO_LIST: &str = "Till övningslistan";

    pub const PLAN_TITLE: &str = "Flerårig övningsplan";
    pub const PLAN_INTRO: &str = "Mandatperiodens övningar per förvaltning. Fylld markering: förvaltningen leder övningen. Streckad: förvaltningen deltar.";
    pub const PREVIOUS_PERIOD: &str = "Föregående period";
    pub const NEXT_PERIOD: &str = "Nästa period";
    pub const SHOW_AS_LIST: &str = "Visa planen som lista";
    pub const PLAN_LIST: &str = "Periodens övningar som lista";
    pub const LEGEND: &str = "Teckenförklaring";
    pub const TODAY: &str = "I dag";
    pub const PERIOD: &str = "Mandatperiod";

    pub const COVERAGE_TITLE: &str = "Täckning av förmågeområden";
    pub const COVERAGE_INTRO: &str = "Vilka förmågeområden har övats under mandatperioden? Genomförda övningar räknas som övade, planerade som planerade. Luckor markeras.";
    pub const COVERAGE_BY_YEAR: &str = "Per år";
    pub const COVERAGE_BY_FORVALTNING: &str = "Per förvaltning under hela perioden";
    pub const WHOLE_REGION: &str = "Hela regionen";
    pub const SHOW: &str = "Visa";
    pub const TOTAL: &str = "Perioden";
    pub const GAP: &str = "Lucka";
    pub const GAP_LONG: &str = "Ej övat eller planerat";
    pub const PLANNED_ONLY: &str = "Endast planerat";
    pub const EXERCISED: &str = "Övat";
    pub const NAV_READINESS: &str = "Beredskap";
    pub const ASSESSMENT_PERIOD: &str = "Bedömningsperiod";
    pub const ASSESSMENTS_TITLE: &str = "Förmågebedömningar";
    pub const ASSESSMENTS_INTRO: &str = "En bedömning per förvaltning och förmågeområde. Välj en cell för att bedöma eller granska.";
    pub const ASSESSMENT_GRID_CAPTION: &str = "Bedömd nivå per förvaltning och förmågeområde";
    pub const PREVIOUS: &str = "Föregående";
    pub const NEXT: &str = "Nästa";
    pub const CURRENT_PERIOD: &str = "Innevarande period";
    pub const ASSESS: &str = "Bedöm";
    pub const NOT_ASSESSED_CELL: &str = "Ej bedömd";
    pub const BELOW_TARGET: &str = "under målnivån";
    pub const BELOW_TARGET_MARK: &str = "▼";
    pub const UNVERIFIED: &str = "ej verifierad genom övning";
    pub const UNVERIFIED_MARK: &str = "○";
    pub const LEVEL: &str = "Nivå";
    pub const TARGET_LEVEL: &str = "Målnivå";
    pub const TARGET_LEVEL_INLINE: &str = "målnivå";
    pub const JUSTIFICATION: &str = "Motivering";
    pub const JUSTIFICATION_HINT: &str = "Krävs när nivån är under målnivån.";
    pub const SHORTCOMINGS: &str = "Brister";
    pub const MEASURES: &str = "Åtgärder som behövs";
    pub const LINES_HINT: &str = "En per rad.";
    pub const EVIDENCE: &str = "Underlag (genomförda övningar och deras mål)";
    pub const EVIDENCE_HINT: &str = "Håll ned Ctrl (Cmd på Mac) för att välja flera.";
    pub const NO_EVIDENCE_OPTIONS: &str =
        "Förvaltningen har inte deltagit i någon genomförd övning.";
    pub const ASSESSED_ON: &str = "Bedömningsdag";
    pub const ASSESSOR: &str = "Bedömare";
    pub const DIMENSIONS: &str = "Bedömning per dimension (POETE)";
    pub const SAVE_DRAFT: &str = "Spara utkast";
    pub const SUBMIT_ASSESSMENT: &str = "Lämna in för fastställelse";
    pub const APPROVE_ASSESSMENT: &str = "Fastställ";
    pub const RETURN_ASSESSMENT: &str = "Skicka tillbaka";
    pub const RETURN_COMMENT: &str = "Vad behöver ändras?";
    pub const WORKFLOW: &str = "Granskning";
    pub const HISTORY: &str = "Historik";
    pub const VERSION: &str = "Version";
    pub const STEP: &str = "Händelse";
    pub const BY: &str = "Av";
    pub const AT: &str = "När";
    pub const COMMENT: &str = "Kommentar";
    pub const LAST_APPROVED: &str = "Senast fastställd";
    pub const NEVER_APPROVED: &str = "Inte fastställd än.";
    pub const VERIFIED_BY: &str = "Verifierad genom övning";
    pub const BACK_TO_GRID: &str = "Alla bedömningar för perioden";
    pub const DERIVED_LEVEL: &str = "Samlad nivå";
    pub const AWAITING_APPROVAL: &str =
        "Bedömningen väntar på att fastställas av en annan beredskapssamordnare för hela regionen.";

    // ---- The board dashboard ----
    pub const BOARD_TITLE: &str = "Beredskapsläget";
    pub const BOARD_INTRO: &str = "Fastställda förmågenivåer per förvaltning, utvecklingen över tid och hur väl förmågeområdena övas. Underlag för styrelsen.";
    pub const BOARD_CHOICE: &str = "Välj period och förmågeområde";
    pub const AREA_FOR_TREND: &str = "Förmågeområde för utvecklingen";
    pub const HEADLINES: &str = "Det viktigaste";
    pub const HEATMAP_TITLE: &str = "Förmåga per förvaltning";
    pub const TREND_TITLE: &str = "Förmågenivå över tid";
    pub const SHOW_AS_TABLE: &str = "Visa som tabell";
    pub const CHART: &str = "Diagram";
    pub const DOWNLOAD_SVG: &str = "Ladda ned som SVG";
    pub const DOWNLOAD_PNG: &str = "Ladda ned som PNG";
    pub const REGION_MEDIAN: &str = "Regionens median";
    pub const NO_LEVEL: &str = "ingen fastställd nivå";
    pub const TO_ASSESSMENTS: &str = "Förmågebedömningar för perioden";
    pub const COVERAGE_SECTION: &str = "Övningstäckning";
    pub const TO_COVERAGE: &str = "Hela täckningsvyn";
    pub const RELATED: &str = "Mer om beredskapen";

    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];

    /// "januari 2025".
    pub fn month_year(day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        format!("{} {}", MONTHS[day.month0() as usize], day.year())
    }

    pub fn board_title(period: &str) -> String {
        format!("Beredskapsläget {period}")
    }

    fn count_noun(n: usize, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// A headline of the board, as a sentence.
    pub fn headline(h: &crate::domain::board::Headline) -> String {
        use crate::domain::board::Headline as H;
        match h {
            H::MeetsTarget {
                area,
                meeting,
                of,
                unassessed,
            } => {
                let mut s = format!(
                    "{meeting} av {} når målnivån för {area}",
                    count_noun(*of, "förvaltning", "förvaltningar")
                );
                if *unassessed > 0 {
                    s.push_str(&format!("; {unassessed} har ingen fastställd nivå"));
                }
                s.push('.');
                s
            }
            H::WithoutExercise { areas, since } => format!(
                "{} saknar genomförd övning sedan {}.",
                count_noun(*areas, "förmågeområde", "förmågeområden"),
                month_year(*since)
            ),
            H::Unverified { count, of } => {
                format!("{count} av {of} fastställda nivåer är inte verifierade genom övning.")
            }
            H::MedianChange {
                area,
                from,
                to,
                since,
            } => {
                let (from, to) = (from.get(), to.get());
                match to.cmp(&from) {
                    std::cmp::Ordering::Greater => format!(
                        "Regionens median för {area} har stigit från {from} till {to} sedan {}.",
                        since.label()
                    ),
                    std::cmp::Ordering::Less => format!(
                        "Regionens median för {area} har sjunkit från {from} till {to} sedan {}.",
                        since.label()
                    ),
                    std::cmp::Ordering::Equal => format!(
                        "Regionens median för {area} är oförändrad på {to} sedan {}.",
                        since.label()
                    ),
                }
            }
            H::Approved { count, of, period } => format!(
                "{count} av {of} bedömningar är fastställda för {}; för övriga visas den senast fastställda nivån.",
                period.label()
            ),
        }
    }

    /// The heatmap in one sentence.
    pub fn heatmap_summary(m: &crate::domain::board::Heatmap) -> String {
        let filled: Vec<_> = m.filled().collect();
        if filled.is_empty() {
            return format!(
                "Inga förmågenivåer är fastställda till och med {}.",
                m.period.label()
            );
        }
        let meeting = filled.iter().filter(|c| c.meets_target()).count();
        let short = filled.iter().filter(|c| c.shortfall()).count();
        let unverified = filled.iter().filter(|c| !c.verified).count();
        let empty = m.areas.len() * m.forvaltningar.len() - filled.len();
        format!(
            "{} förmågeområden i {} förvaltningar, {}: {meeting} nivåer når målnivån, {short} ligger under den, {unverified} är inte verifierade genom övning och {empty} saknar fastställd nivå.",
            m.areas.len(),
            m.forvaltningar.len(),
            m.period.label()
        )
    }

    /// The trend in one sentence.
    pub fn trend_summary(tr: &crate::domain::board::Trend) -> String {
        let known: Vec<String> = tr
            .periods
            .iter()
            .zip(&tr.median)
            .filter_map(|(p, m)| m.map(|m| format!("{} i {}", m.get(), p.label())))
            .collect();
        if known.is_empty() {
            return format!(
                "Inga fastställda nivåer för {} under perioderna.",
                tr.area.title
            );
        }
        format!(
            "Regionens median för {}: {}.",
            tr.area.title,
            known.join(", ")
        )
    }

    /// The per-year chart in one sentence.
    pub fn per_year_summary(counts: &[crate::domain::coverage::YearCount]) -> String {
        let years: Vec<String> = counts
            .iter()
            .map(|c| {
                format!(
                    "{}: {} genomförda, {} planerade",
                    c.year, c.conducted, c.planned
                )
            })
            .collect();
        format!("{}. {}.", PER_YEAR_TITLE, years.join("; "))
    }

    // ---- Assessment settings (admin) ----
    pub const NAV_READINESS_SETTINGS: &str = "Bedömningsinställningar";
    pub const READINESS_SETTINGS_TITLE: &str = "Inställningar för förmågebedömning";
    pub const ASSESSMENT_SETTINGS: &str = "Bedömningar";
    pub const PERIOD_KIND: &str = "Bedömningsperiod";
    pub const PERIOD_KIND_HINT: &str =
        "Gäller nya bedömningar. Befintliga bedömningar behåller sin period.";
    pub const RULE: &str = "Samlad nivå";
    pub const EVIDENCE_MONTHS: &str = "Övningar verifierar en nivå i (månader)";
    pub const EVIDENCE_MONTHS_HINT: &str = "En nivå utan genomförd övning inom så många månader före periodens slut markeras \"ej verifierad genom övning\". 1–120.";
    pub const DEFAULT_TARGET: &str = "Målnivå för nya bedömningar";
    pub const SAVE_SETTINGS: &str = "Spara inställningar";
    pub const LEVEL_SCALE: &str = "Nivåskalan";
    pub const LEVEL_SCALE_HINT: &str = "Benämning och beskrivning av varje nivå visas i formulären, i rutnätet och i teckenförklaringarna.";
    pub const LEVEL_LABEL: &str = "Benämning, nivå";
    pub const ANCHOR_TEXT: &str = "Beskrivning, nivå";
    pub const SAVE_LEVEL: &str = "Spara nivå";
    pub const SETTINGS_SAVED: &str = "Inställningarna är sparade.";
    pub const LEVEL_SAVED: &str = "Nivån är sparad.";

    pub fn period_kind(k: crate::domain::readiness::PeriodKind) -> &'static str {
        match k {
            crate::domain::readiness::PeriodKind::HalfYear => "Halvår (H1 och H2)",
            crate::domain::readiness::PeriodKind::Year => "Helår",
        }
    }

    pub fn period_title(period: &str) -> String {
        format!("Förmågebedömningar {period}")
    }

    pub fn rule_hint(rule: crate::domain::readiness::Rule) -> &'static str {
        match rule {
            crate::domain::readiness::Rule::Minimum => {
                "Den samlade nivån är den lägsta av de bedömda dimensionerna (0 räknas inte)."
            }
            crate::domain::readiness::Rule::Median => {
                "Den samlade nivån är medianen av de bedömda dimensionerna, avrundad nedåt (0 räknas inte)."
            }
        }
    }

    pub fn unverified_long(months: u32) -> String {
        format!(
            "Ej verifierad genom övning: ingen genomförd övning med förvaltningen och ett mål i området under de {months} månaderna före periodens slut."
        )
    }

    pub fn dimension(d: crate::domain::readiness::Dimension) -> &'static str {
        use crate::domain::readiness::Dimension::*;
        match d {
            Plans => "Planer",
            Organisation => "Organisation/bemanning",
            Equipment => "Utrustning/materiel",
            Training => "Utbildning",
            Exercises => "Övning",
        }
    }

    // NÖK follow-up.
    pub const NAV_NOK: &str = "NÖK";
    pub const NOK_TITLE: &str = "NÖK-uppföljning";
    pub const NOK_AREAS: &str = "Kravområden och status";
    pub const NOK_SITUATION: &str = "Läget";
    pub const NOK_RULE_HINT: &str = "Statusen föreslås från kriterierna: Uppfylld när alla grundläggande krav är uppfyllda, Delvis uppfylld när några är det, Påbörjad när arbete finns registrerat. En annan status kräver en motivering.";
    pub const CHOOSE_AGREEMENT: &str = "Välj överenskommelse";
    pub const AGREEMENT_VERSION: &str = "Överenskommelse";
    pub const IN_FORCE_SUFFIX: &str = " (gäller nu)";
    pub const ROLLED_OVER_FROM: &str = "Förnyad från";
    pub const HAS_SUCCESSOR: &str = "Den här versionen har förnyats.";
    pub const OPEN_SUCCESSOR: &str = "Öppna den nya versionen";
    pub const DROPPED_AREAS: &str = "Kravområden som utgick vid förnyelsen";
    pub const TO_BOARD: &str = "Till styrelsens översikt";
    pub const ROLLOVER_LINK: &str = "Skapa nästa version av överenskommelsen";
    pub const NEW_VERSION_CREATED: &str =
        "Den nya versionen är skapad. Underlag har förts över enligt mappningen.";
    pub const BASIC_CRITERIA: &str = "Grundläggande krav";
    pub const QUALITY_CRITERIA: &str = "Kvalitetsmått";
    pub const RESPONSIBLE: &str = "Ansvarig";
    pub const SEVERAL_RESPONSIBLE: &str = "Flera ansvariga";
    pub const DUE: &str = "Klart senast";
    pub const EVIDENCE_COUNT: &str = "Underlag";
    pub const CONTINUES: &str = "Fortsätter";
    pub const MANUAL_STATUS: &str = "satt manuellt";
    pub const OF: &str = "av";
    pub const CRITERIA: &str = "Kriterier";
    pub const NO_CRITERIA: &str = "Inga kriterier är angivna.";
    pub const MET_BY: &str = "Uppfyllt enligt";
    pub const MET: &str = "uppfyllt";
    pub const NOT_MET: &str = "inte uppfyllt";
    pub const SAVE_CRITERIA: &str = "Spara kriterierna";
    pub const EDIT_CRITERIA: &str = "Redigera kriterielistan";
    pub const CRITERIA_EDIT_HINT: &str = "Ett kriterium per rad. En rad som tas bort slutar räknas, men det som bockats av för den finns kvar i historiken.";
    pub const SAVE_CRITERIA_LIST: &str = "Spara kriterielistan";
    pub const SET_STATUS: &str = "Ange status";
    pub const STATUS_REASON: &str = "Motivering";
    pub const STATUS_REASON_HINT: &str = "Krävs när statusen skiljer sig från förslaget, till exempel ett beslut eller en bedömning som kriterierna inte fångar.";
    pub const SAVE_STATUS: &str = "Spara status";
    pub const SUGGESTED: &str = "Förslag från kriterierna";
    pub const MANUAL_STATUS_SET: &str = "Statusen är satt manuellt.";
    pub const STATUS_FOLLOWS_SUGGESTION: &str = "Statusen följer förslaget från kriterierna.";
    pub const RESPONSIBILITY: &str = "Ansvar och tidplan";
    pub const PROGRESS: &str = "Arbetet hittills";
    pub const PROGRESS_HINT: &str = "Vad som är gjort och vad som återstår. Ett noterat arbete gör att området räknas som påbörjat.";
    pub const FULFILMENT_EVIDENCE: &str = "Underlag";
    pub const NO_FULFILMENT_EVIDENCE: &str = "Inget underlag ännu.";
    pub const CONDUCTED_ON: &str = "genomförd";
    pub const PLANNED_NOT_COUNTED: &str = "planerad, räknas när den är genomförd";
    pub const ASSESSMENT: &str = "Bedömning";
    pub const DOCUMENT: &str = "Dokument";
    pub const AUTOMATIC_EVIDENCE: &str = "räknas automatiskt";
    pub const AUTOMATIC_EVIDENCE_HINT: &str =
        "Övningar vars mål anger kravområdet räknas automatiskt som underlag.";
    pub const CARRIED_FROM: &str = "överfört från";
    pub const REMOVE: &str = "Ta bort";
    pub const ADD_EVIDENCE: &str = "Lägg till underlag";
    pub const EXERCISE: &str = "Övning";
    pub const ADD_EXERCISE: &str = "Lägg till övningen";
    pub const NO_ASSESSMENT_OPTIONS: &str =
        "Inga bedömningar finns för de förmågeområden som hör till kravområdet.";
    pub const ADD_ASSESSMENT: &str = "Lägg till bedömningen";
    pub const DOCUMENT_REF: &str = "Dokumentreferens";
    pub const DOCUMENT_HINT: &str =
        "Till exempel ett beslut med paragraf eller ett diarienummer: RS 2025-03-12 § 45.";
    pub const ADD_DOCUMENT: &str = "Lägg till dokumentet";
    pub const NO_HISTORY: &str = "Inga ändringar ännu.";
    pub const CHANGE: &str = "Ändring";
    pub const BACK_TO_NOK: &str = "Till NÖK-uppföljningen";
    pub const BACK_TO_AREA: &str = "Till kravområdet";
    pub const CONTINUES_AREAS: &str = "Fortsätter:";
    pub const CONTINUED_BY: &str = "Fortsätter i:";
    pub const PER_FORVALTNING_INTRO: &str = "Kravområdet följs upp per förvaltning. Regionens status är den förvaltning som kommit kortast.";
    pub const ROLLOVER_TITLE: &str = "Ny version";
    pub const ROLLOVER_INTRO: &str = "Skapa nästa version av överenskommelsen. Ange för varje kravområde vilken kod det fortsätter som i den nya versionen. Underlag förs över längs mappningen och märks som överförda; den gamla versionen ändras inte.";
    pub const NEW_VERSION: &str = "Den nya versionen";
    pub const MAPPING: &str = "Mappning av kravområden";
    pub const MAPPING_HINT: &str = "Samma kod behåller området. Samma kod på flera områden slår ihop dem. Flera koder med komma delar området. Tomt fält: området utgår.";
    pub const OLD_AREA: &str = "Kravområde i den gamla versionen";
    pub const CONTINUES_AS: &str = "Fortsätter som";
    pub const NEW_AREAS: &str = "Nya kravområden";
    pub const NEW_AREAS_HINT: &str = "Ett per rad som KOD Benämning. En rad med en kod som redan finns ovan ger det området en ny benämning.";
    pub const CREATE_VERSION: &str = "Skapa den nya versionen";
    pub const CALENDAR_TITLE: &str = "Rapporteringskalender";
    pub const INDICATORS_TITLE: &str = "Indikatorer";

    pub fn overdue_days(days: i64) -> String {
        if days == 1 {
            "försenad 1 dag".into()
        } else {
            format!("försenad {days} dagar")
        }
    }

    pub fn due_in_days(days: i64) -> String {
        match days {
            0 => "i dag".into(),
            1 => "i morgon".into(),
            d => format!("om {d} dagar"),
        }
    }

    pub fn overdue_summary(overdue: usize, soon: usize) -> String {
        match (overdue, soon) {
            (0, 0) => "Inget kravområde är försenat eller ska vara klart inom 30 dagar.".into(),
            (o, s) => format!(
                "{o} {} {s} ska vara klara inom 30 dagar.",
                if o == 1 {
                    "kravområde är försenat,"
                } else {
                    "kravområden är försenade,"
                }
            ),
        }
    }

    pub fn forvaltningar_met(met: usize, all: usize) -> String {
        format!("{met} av {all} förvaltningar uppfyller")
    }

    pub fn basic_summary(met: usize, total: usize) -> String {
        format!("{met} av {total} grundläggande krav uppfyllda")
    }

    pub fn quality_summary(met: usize, total: usize) -> String {
        format!("{met} av {total} kvalitetsmått")
    }

    pub fn follow_suggestion(status: &str) -> String {
        format!("Följ förslaget ({status})")
    }

    pub fn mapping_kind(k: crate::domain::nok::MappingKind) -> &'static str {
        use crate::domain::nok::MappingKind as M;
        match k {
            M::Kept => "behålls",
            M::Merged => "sammanslaget",
            M::Split => "delat",
            M::New => "nytt",
            M::Dropped => "utgår",
        }
    }

    pub fn fulfilment_action(action: &str) -> &'static str {
        match action {
            "criteria" => "Kriterier",
            "status" => "Status",
            "details" => "Ansvar och tidplan",
            "add_evidence" => "Underlag tillagt",
            "remove_evidence" => "Underlag borttaget",
            "carry" => "Överfört vid förnyelse",
            "create" => "Registrerad",
            _ => "Ändring",
        }
    }

    // The reporting calendar, indicators and briefs.
    pub const CALENDAR_INTRO: &str = "De rapporteringar regionen ska lämna, med mottagare, ansvarig och status, och de kravområden vars arbete matar dem. Myndigheten för civilt försvar (MCF) hette MSB före 2026.";
    pub const REPORT: &str = "Rapportering";
    pub const DEADLINE_KIND: &str = "Slag";
    pub const DUE_DATE: &str = "Senast";
    pub const NOTE: &str = "Anteckning";
    pub const FED_BY: &str = "Underlag från kravområden";
    pub const TO_REPORT: &str = "Att rapportera";
    pub const SUBMITTED_REPORTS: &str = "Inlämnade";
    pub const ADD_DEADLINE: &str = "Lägg till rapportering";
    pub const UPCOMING_DEADLINES: &str = "Rapportering de närmaste 90 dagarna";
    pub const NO_UPCOMING_DEADLINES: &str = "Ingen rapportering förfaller de närmaste 90 dagarna.";
    pub const TO_CALENDAR: &str = "Hela rapporteringskalendern";
    pub const INDICATORS_INTRO: &str = "Indikatorer för regionens säkerhetsmål med basvärde, målvärde och årliga värden för regionen eller per förvaltning.";
    pub const INDICATOR: &str = "Indikator";
    pub const DIRECTION: &str = "Bättre är";
    pub const BASELINE: &str = "Basvärde";
    pub const BASELINE_YEAR: &str = "Basår";
    pub const TARGET_VALUE: &str = "Målvärde";
    pub const TARGET_YEAR: &str = "Målår";
    pub const UNIT: &str = "Enhet";
    pub const LATEST: &str = "Senaste värde";
    pub const AGAINST_TARGET: &str = "Mot målet";
    pub const TARGET_REACHED: &str = "Målet är nått";
    pub const TARGET_NOT_REACHED: &str = "Målet är inte nått";
    pub const ADD_INDICATOR: &str = "Lägg till indikator";
    pub const EDIT_INDICATOR: &str = "Ändra indikatorn";
    pub const BACK_TO_INDICATORS: &str = "Till indikatorerna";
    pub const ENTER_VALUES: &str = "Ange värden";
    pub const ENTER_VALUES_HINT: &str = "Ett värde per år. Ett tomt värde tar bort årets värde.";
    pub const VALUE: &str = "Värde";
    pub const VALUE_HINT: &str = "Till exempel 24 eller 92,5.";
    pub const SAVE_VALUE: &str = "Spara värdet";
    pub const REGION: &str = "Regionen";
    pub const NOK_CHART_TITLE: &str = "NÖK-uppfyllnad";
    pub const BRIEFS_TITLE: &str = "Frysta rapporter";
    pub const BRIEFS_INTRO: &str = "Översikten fryst per rapportdag: uppgifterna och diagrammen sparas som de var och ändras inte när data eller Redo ändras.";
    pub const NO_BRIEFS: &str = "Ingen rapport är fryst ännu.";
    pub const NO_BRIEFS_FREEZE: &str =
        "Ingen rapport är fryst ännu. Frys översikten från styrelsens översikt.";
    pub const REPORTING_DATE: &str = "Rapportdag";
    pub const FROZEN_BY: &str = "Fryst av";
    pub const TO_BRIEFS: &str = "Till de frysta rapporterna";
    pub const BRIEF_ACTIONS: &str = "Rapportens diagram och jämförelse";
    pub const CHANGED_SINCE_LAST: &str = "Vad har ändrats sedan förra rapporten";
    pub const COMPARE_BRIEFS: &str = "Jämför två rapporter";
    pub const COMPARE_FROM: &str = "Förra rapporten";
    pub const COMPARE_TO: &str = "Denna rapport";
    pub const COMPARE: &str = "Jämför";
    pub const FACT: &str = "Uppgift";
    pub const BEFORE: &str = "Förra rapporten";
    pub const AFTER: &str = "Denna rapport";
    pub const NOT_REPORTED: &str = "(fanns inte med)";
    pub const OPEN_BRIEF: &str = "Öppna rapporten";
    pub const FREEZE_BRIEF: &str = "Frys översikten som rapport";
    pub const FREEZE_HINT: &str = "Sparar översikten som den ser ut nu, med diagrammen, för rapportdagen. Rapporten ändras inte efteråt.";
    pub const FREEZE: &str = "Frys rapporten";
    pub const BRIEF_TITLE: &str = "Rubrik";
    pub const VALUE_FOR: &str = "Gäller";
    pub const RECIPIENT_TO: &str = "Mottagare";

    pub fn deadline_status(s: crate::domain::calendar::DeadlineStatus) -> &'static str {
        use crate::domain::calendar::DeadlineStatus as S;
        match s {
            S::NotStarted => "Ej påbörjad",
            S::InProgress => "Pågår",
            S::Submitted => "Inlämnad",
        }
    }

    pub fn deadline_kind(k: crate::domain::calendar::DeadlineKind) -> &'static str {
        use crate::domain::calendar::DeadlineKind as K;
        match k {
            K::Rsa => "Risk- och sårbarhetsanalys",
            K::Plan => "Plan eller reglemente",
            K::TrainingExercise => "Utbildnings- och övningsplan",
            K::FollowUp => "Uppföljning av överenskommelse",
            K::Grant => "Statsbidrag",
            K::Other => "Annat",
        }
    }

    pub fn calendar_summary(overdue: usize, soon: usize) -> String {
        let late = match overdue {
            0 => "Ingen rapportering är försenad".to_string(),
            1 => "1 rapportering är försenad".to_string(),
            n => format!("{n} rapporteringar är försenade"),
        };
        format!("{late}; {soon} förfaller inom 90 dagar.")
    }

    pub fn direction(d: crate::domain::indicator::Direction) -> &'static str {
        match d {
            crate::domain::indicator::Direction::Lower => "Lägre",
            crate::domain::indicator::Direction::Higher => "Högre",
        }
    }

    pub fn target_progress(percent: i64) -> String {
        format!("Målet är inte nått ({percent} % av vägen från basvärdet)")
    }

    pub fn indicator_summary(i: &crate::domain::indicator::Indicator) -> String {
        match i.latest() {
            Some((year, v)) => format!(
                "{}: {} {} år {year}, mot basvärdet {} {} ({}) och målet {} {} ({}); målet är {}.",
                i.name,
                v.format(),
                i.unit,
                i.baseline.format(),
                i.unit,
                i.baseline_year,
                i.target.format(),
                i.unit,
                i.target_year,
                if i.reaches_target(v) {
                    "nått"
                } else {
                    "inte nått"
                }
            ),
            None => format!("{}: inga värden för regionen ännu.", i.name),
        }
    }

    pub fn nok_summary(rows: &[crate::domain::nok::NokRow], today: chrono::NaiveDate) -> String {
        use crate::domain::nok::{Due, FulfilmentStatus as S};
        let count = |s: S| rows.iter().filter(|r| r.status == s).count();
        let overdue = rows
            .iter()
            .filter(|r| matches!(r.due, Due::Overdue(_)))
            .count();
        let next = rows
            .iter()
            .filter(|r| r.status.is_open())
            .filter_map(|r| {
                r.due_on
                    .filter(|d| *d >= today)
                    .map(|d| (d, r.code.clone()))
            })
            .min();
        let mut s = format!(
            "{} av {} kravområden är uppfyllda, {} delvis uppfyllda, {} påbörjade och {} ej påbörjade; {} {}.",
            count(S::Met),
            rows.len(),
            count(S::Partly),
            count(S::Started),
            count(S::NotStarted),
            overdue,
            if overdue == 1 {
                "är försenat"
            } else {
                "är försenade"
            }
        );
        if let Some((day, code)) = next {
            s.push_str(&format!(
                " Nästa att bli klart: {code} senast {}.",
                day.format("%Y-%m-%d")
            ));
        }
        s
    }

    pub fn brief_default_title(period: &str) -> String {
        format!("Beredskapsläget {period} – rapport till regionstyrelsen")
    }

    pub fn frozen_note(by: &str, at: &str) -> String {
        format!("Fryst av {by} {at}. Uppgifter och diagram visas som de var då.")
    }

    pub fn compare_title(older: &str, newer: &str) -> String {
        format!("Från {older} till {newer}.")
    }

    pub fn changes_summary(changes: usize, facts: usize) -> String {
        match changes {
            0 => format!("Inget av de {facts} uppgifterna har ändrats."),
            1 => format!("1 av {facts} uppgifter har ändrats."),
            n => format!("{n} av {facts} uppgifter har ändrats."),
        }
    }

    pub fn chart_file_label(name: &str) -> String {
        match name {
            "formaga" => "Förmåga per förvaltning".into(),
            "trend" => "Förmågenivå över tid".into(),
            "nok" => "NÖK-uppfyllnad".into(),
            "ovningar-per-ar" => "Övningar per år".into(),
            n if n.starts_with("indikator") => "Indikator".into(),
            n => n.to_string(),
        }
    }

    pub fn headline_kind(h: &crate::domain::board::Headline) -> &'static str {
        use crate::domain::board::Headline as H;
        match h {
            H::MeetsTarget { .. } => "Förvaltningar som når målnivån",
            H::WithoutExercise { .. } => "Förmågeområden utan genomförd övning",
            H::Unverified { .. } => "Nivåer som inte är verifierade genom övning",
            H::MedianChange { .. } => "Regionens median",
            H::Approved { .. } => "Fastställda bedömningar",
        }
    }

    pub fn heat_fact(level: u8, target: u8, verified: bool) -> String {
        let mut s = format!("nivå {level} (mål {target})");
        if level < target {
            s.push_str(", under målnivån");
        }
        if !verified {
            s.push_str(", ej verifierad genom övning");
        }
        s
    }

    pub fn nok_fact(r: &crate::domain::nok::NokRow) -> String {
        let mut s = format!(
            "{} · {} av {} grundläggande krav · {} av {} kvalitetsmått",
            fulfilment_status(r.status),
            r.basic.0,
            r.basic.1,
            r.quality.0,
            r.quality.1
        );
        if let Some(d) = r.due_on {
            s.push_str(&format!(" · klart senast {}", d.format("%Y-%m-%d")));
        }
        s
    }

    pub fn fulfilment_status(s: crate::domain::nok::FulfilmentStatus) -> &'static str {
        use crate::domain::nok::FulfilmentStatus as S;
        match s {
            S::NotStarted => "Ej påbörjad",
            S::Started => "Påbörjad",
            S::Partly => "Delvis uppfylld",
            S::Met => "Uppfylld",
            S::NotApplicable => "Ej tillämplig",
        }
    }

    pub fn assessment_status(s: crate::domain::readiness::AssessmentStatus) -> &'static str {
        use crate::domain::readiness::AssessmentStatus::*;
        match s {
            Draft => "Utkast",
            Submitted => "Inlämnad",
            Approved => "Fastställd",
        }
    }

    pub fn step(s: crate::domain::readiness::Step) -> &'static str {
        use crate::domain::readiness::Step::*;
        match s {
            Create => "Skapad",
            Update => "Ändrad",
            Submit => "Inlämnad",
            Approve => "Fastställd",
            Return => "Tillbakaskickad",
        }
    }

    pub fn conducted_count(n: u32) -> String {
        format!("{n} {}", if n == 1 { "genomförd" } else { "genomförda" })
    }
    pub fn planned_count(n: u32) -> String {
        format!("{n} {}", if n == 1 { "planerad" } else { "planerade" })
    }
    pub fn gaps_summary(n: usize, period: &str, scope: &str) -> String {
        match n {
            0 => format!("Alla förmågeområden har övats eller planerats under {period} ({scope})."),
            1 => format!("1 förmågeområde saknar övning under {period} ({scope})."),
            n => format!("{n} förmågeområden saknar övning under {period} ({scope})."),
        }
    }
    pub const PER_YEAR_TITLE: &str = "Övningar per år under perioden";
    pub const PER_YEAR_TABLE: &str = "Övningar per år (samma siffror som diagrammet)";
    pub const CONDUCTED_COL: &str = "Genomförda";
    pub const PLANNED_COL: &str = "Planerade";
    pub const CANCELLED_COL: &str = "Inställda";

    pub const CATALOGUE_TITLE: &str = "Kataloger";
    pub const FORVALTNINGAR_TITLE: &str = "Förvaltningar";
    pub const CAPABILITIES_TITLE: &str = "Förmågeområden";
    pub const AGREEMENTS_TITLE: &str = "Överenskommelser och kravområden";
    pub const CODE: &str = "Kod";
    pub const KIND: &str = "Typ";
    pub const ACTIVE: &str = "Aktiv";
    pub const INACTIVE: &str = "Inaktiv";
    pub const NEW_FORVALTNING: &str = "Ny förvaltning";
    pub const TITLE: &str = "Benämning";
    pub const DESCRIPTION: &str = "Beskrivning";
    pub const NATO_BLR: &str = "NATO:s baskrav (1–7)";
    pub const REQUIREMENT_CODES: &str = "Kopplade kravområden";
    pub const NEW_CAPABILITY: &str = "Nytt förmågeområde";
    pub const COUNTERPARTY: &str = "Motpart";
    pub const VALID_FROM: &str = "Gäller från";
    pub const VALID_TO: &str = "Gäller till";
    pub const OPEN_ENDED: &str = "tills vidare";
    pub const NEW_AGREEMENT: &str = "Ny överenskommelse";
    pub const NEW_REQUIREMENT: &str = "Nytt kravområde";
    pub const REQUIREMENT: &str = "Kravområde";
    pub const PER_FORVALTNING: &str = "Följs upp per förvaltning";
    pub const DELIVERABLE: &str = "Leverans / underlag";
    pub const CADENCE: &str = "Periodicitet";
    pub const RECIPIENT: &str = "Följs upp av";
    pub const SOURCE: &str = "Källa";
    pub const SAVED: &str = "Sparat.";
    pub const READ_ONLY_NOTE: &str = "Katalogerna ändras av systemförvaltaren.";

    pub const USERS_TITLE: &str = "Användare";
    pub const NEW_USER: &str = "Nytt konto";
    pub const DISPLAY_NAME: &str = "Namn";
    pub const ROLE: &str = "Roll";
    pub const SCOPE: &str = "Planerar för";
    pub const SCOPE_HINT: &str = "Beredskapssamordnare och övningsledare: välj Hela regionen eller de förvaltningar kontot gäller. Övriga roller läser hela regionen.";
    pub const WHOLE_REGION_SCOPE: &str = "Hela regionen";
    /// In the accounts table, for roles that plan for no förvaltning (they read the region).
    pub const NOT_SCOPED: &str = "–";
    pub const CREATE_USER: &str = "Skapa konto";

    pub const AUDIT_TITLE: &str = "Händelselogg";
    pub const AUDIT_INTRO: &str =
        "Varje ändring i Redo loggas med vem, när och vad – före och efter.";
    pub const AUDIT_WHO: &str = "Vem";
    pub const AUDIT_ENTITY: &str = "Objekt";
    pub const AUDIT_ACTION: &str = "Händelse";
    pub const AUDIT_ID: &str = "Objekt-id";
    pub const AUDIT_FROM: &str = "Från och med";
    pub const AUDIT_TO: &str = "Till och med";
    pub const AUDIT_AT: &str = "Tidpunkt";
    pub const AUDIT_CHANGE: &str = "Ändring";
    pub const AUDIT_BEFORE: &str = "Före";
    pub const AUDIT_AFTER: &str = "Efter";
    pub const AUDIT_NONE: &str = "Inga händelser matchar filtret.";
    pub const AUDIT_LIMIT: &str = "Visar de senaste händelserna";

    // Live conduct.
    pub const LIVE_OPEN: &str = "Öppna liveläget";
    pub const CONDUCT_HEADING: &str = "Genomförande";
    pub const LIVE_TITLE: &str = "Liveläge";
    pub const LIVE_BACK: &str = "Till övningen";
    pub const LIVE_REFRESH: &str = "Uppdatera";
    pub const LIVE_REFRESH_HINT: &str = "Sidan uppdateras inte av sig själv utan JavaScript: använd Uppdatera för att se nya poster.";
    pub const LIVE_SCENARIO_TIME: &str = "Scenariotid";
    pub const LIVE_WALL_TIME: &str = "Klockan";
    pub const LIVE_CONNECTED: &str = "Ansluten – nya poster visas direkt";
    pub const LIVE_CONNECTING: &str = "Ansluter…";
    pub const LIVE_OFFLINE: &str =
        "Ingen anslutning – posterna sparas på enheten och skickas när anslutningen är tillbaka";
    pub const LIVE_SESSION_ENDED: &str =
        "Inloggningen har gått ut – logga in igen så skickas posterna";
    pub const LIVE_WAITING: &str = "väntar på att skickas";
    pub const LIVE_WAITING_HEAD: &str = "Väntar på att skickas";
    pub const LIVE_REFUSED_ENTRY: &str = "Avvisad";
    pub const LIVE_ENTRY_HEADING: &str = "Ny post";
    pub const LIVE_KIND: &str = "Sort";
    pub const LIVE_TEXT: &str = "Vad hände?";
    pub const LIVE_TEXT_HINT: &str = "Enter sparar, Skift+Enter ger ny rad. Alt+1–6 väljer sort.";
    pub const LIVE_INJECT: &str = "Inspel";
    pub const LIVE_OBJECTIVE: &str = "Mål";
    pub const LIVE_FORVALTNING: &str = "Förvaltning";
    pub const LIVE_NONE: &str = "– inget –";
    pub const ERR_UNAUTHENTICATED: &str = "Du är inte inloggad.";
    pub const ERR_FORBIDDEN: &str = "Du har inte behörighet att göra detta.";
    pub const ERR_NOT_FOUND: &str = "Det du söker finns inte.";
    pub const ERR_BAD_REQUEST: &str = "Begäran kunde inte tolkas.";
    pub const LIVE_SAVE: &str = "Spara posten";
    /// `message(Msg::Required { label: Label::EntryText })`, which the browser checks before
    /// queueing (a test keeps them equal).
    pub const LIVE_TEXT_REQUIRED: &str = "Texten måste fyllas i.";
    pub const LIVE_NOT_ON_STAFF: &str = "Du ingår inte i övningens bemanning och kan inte logga. Övningsledningen kan lägga till dig under Bemanning.";
    pub const LIVE_LOG_HEADING: &str = "Logg";
    pub const LIVE_NO_ENTRIES: &str = "Inga poster ännu.";
    pub const LIVE_NO_MATCH: &str = "Inga poster matchar filtret.";
    pub const LIVE_FILTER: &str = "Filtrera";
    pub const LIVE_FILTER_ALL: &str = "Alla";
    pub const LIVE_AUTHOR: &str = "Författare";
    pub const LIVE_CLEAR_FILTER: &str = "Visa alla";
    pub const LIVE_CORRECTED: &str = "Rättad";
    pub const LIVE_HISTORY: &str = "Tidigare versioner";
    pub const LIVE_CORRECT: &str = "Rätta";
    pub const LIVE_CORRECT_HEADING: &str = "Rätta posten";
    pub const LIVE_CORRECT_SAVE: &str = "Spara rättelsen";
    pub const LIVE_CORRECT_CANCEL: &str = "Avbryt";
    pub const LIVE_OBSERVED: &str = "observerad";
    pub const LIVE_RECEIVED: &str = "mottagen";
    pub const LIVE_URGENT: &str = "Viktigt";
    pub const LIVE_CONTROL: &str = "Övningsstyrning";
    pub const LIVE_PAUSE: &str = "Pausa spelet";
    pub const LIVE_RESUME: &str = "Återuppta spelet";
    pub const LIVE_END: &str = "Avsluta övningen";
    pub const LIVE_START: &str = "Starta övningen";
    pub const LIVE_CLOCK_SETTINGS: &str = "Ställ scenariotiden";
    pub const LIVE_SCENARIO_START: &str = "Scenariot börjar";
    pub const LIVE_OFFSET: &str = "Förskjutning i minuter (framåt, eller bakåt med minus)";
    pub const LIVE_CLOCK_SAVE: &str = "Spara tiden";
    pub const LIVE_INJECTS_HEADING: &str = "Händelselista";
    pub const LIVE_NO_INJECTS: &str = "Inga inspel.";
    pub const LIVE_SEND: &str = "Skicka";
    pub const LIVE_SKIP: &str = "Hoppa över";
    pub const LIVE_RESERVE: &str = "reserv";
    pub const LIVE_ADHOC: &str = "ad hoc";
    pub const LIVE_PLANNED: &str = "planerad";
    pub const LIVE_SENT_AT: &str = "skickad";
    pub const LIVE_ACTIONS_DONE: &str = "Markera som utförd";
    pub const LIVE_ACTIONS_UNDO: &str = "Ångra";
    pub const LIVE_EXPORT: &str = "Exportera loggen";
    pub const LIVE_EDIT_INJECTS: &str = "Redigera händelselistan";
    pub const LIVE_STAFF: &str = "Bemanning";
    pub const LIVE_YOUR_ROLE: &str = "Din roll";
    pub const LIVE_NO_ROLE: &str = "ingen (du leder övningen men ingår inte i bemanningen)";

    pub const STAFF_TITLE: &str = "Bemanning";
    pub const STAFF_INTRO: &str = "Rollen avgör vem som loggar, vem som skickar inspel och vem som ser inspelen innan de skickas. Observatörer kan vara spelare och ser aldrig oskickade inspel.";
    pub const STAFF_EMPTY: &str = "Ingen är bemannad ännu.";
    pub const STAFF_PERSON: &str = "Person";
    pub const STAFF_ROLE: &str = "Roll";
    pub const STAFF_ADD: &str = "Lägg till";
    pub const STAFF_CHANGE: &str = "Byt roll";
    pub const STAFF_REMOVE: &str = "Ta bort";
    pub const STAFF_ADD_HEADING: &str = "Lägg till i bemanningen";
    pub const STAFF_NO_CANDIDATES: &str = "Alla aktiva konton ingår redan.";

    pub const INJECTS_TITLE: &str = "Händelselista";
    pub const INJECTS_INTRO: &str = "Inspelen i den ordning de ska spelas. Planerad tid är scenariotid; när ett inspel skickas sparas den verkliga tiden för sig.";
    pub const INJECTS_NUMBER: &str = "Nr";
    pub const INJECTS_PLANNED: &str = "Planerad tid";
    pub const INJECTS_SENDER: &str = "Avsändare";
    pub const INJECTS_RECIPIENT: &str = "Mottagare";
    pub const INJECTS_CHANNEL: &str = "Kanal";
    pub const INJECTS_CONTENT: &str = "Innehåll";
    pub const INJECTS_ACTIONS: &str = "Förväntade åtgärder (en per rad)";
    pub const INJECTS_OBJECTIVE: &str = "Mål";
    pub const INJECTS_RESERVE: &str = "Reservinspel (hålls tillbaka om spelet stannar av)";
    pub const INJECTS_STATUS: &str = "Status";
    pub const INJECTS_ADD: &str = "Lägg till inspel";
    pub const INJECTS_ADD_HEADING: &str = "Nytt inspel";
    pub const INJECTS_EDIT: &str = "Ändra";
    pub const INJECTS_SAVE: &str = "Spara inspelet";
    pub const INJECTS_DELETE: &str = "Ta bort";
    pub const INJECTS_UP: &str = "Flytta upp";
    pub const INJECTS_DOWN: &str = "Flytta ned";
    pub const INJECTS_IMPORT_HEADING: &str = "Läs in från fil";
    pub const INJECTS_IMPORT_HINT: &str = "En Excel-fil (.xlsx) eller CSV-fil (semikolon, UTF-8) med kolumnnamnen på första raden: Nr, Planerad tid, Avsändare, Mottagare, Kanal, Innehåll, Förväntade åtgärder, Mål, Reserv. Kanal och Innehåll måste finnas. Filen ersätter hela listan; har någon rad fel läses ingenting in.";
    pub const INJECTS_FILE: &str = "Fil";
    pub const INJECTS_IMPORT: &str = "Läs in";
    pub const INJECTS_EXPORT: &str = "Exportera";
    pub const INJECTS_IMPORTED: &str = "inspel lästes in.";
    pub const INJECTS_EMPTY: &str = "Händelselistan är tom.";
    pub const INJECTS_WITHHELD: &str =
        "Händelselistan visas bara för övningsledning, motspel och utvärderare.";
    pub const NO_VALUE: &str = "–";

    pub const NOT_FOUND_TITLE: &str = "Sidan hittades inte";
    pub const NOT_FOUND_TEXT: &str = "Det du söker finns inte, eller så har det tagits bort.";
    pub const TO_START: &str = "Till översikten";
    pub const LOADING: &str = "Laddar…";
    pub const ERROR_TITLE: &str = "Något gick fel";
    pub const LOGIN_AGAIN: &str = "Logga in igen";
    pub const FIX_FIELDS: &str = "Rätta de markerade fälten och försök igen.";

    /// A field's label as it names the field in a message.
    pub fn label(l: Label) -> &'static str {
        match l {
            Label::Name => "Namn",
            Label::Code => "Kod",
            Label::Title => "Benämning",
            Label::RequirementTitle => "Kravområde",
            Label::Description => "Beskrivning",
            Label::Counterparty => "Motpart",
            Label::Deliverable => "Leverans",
            Label::Cadence => "Periodicitet",
            Label::Recipient => "Mottagare",
            Label::Source => "Källa",
            Label::Location => "Plats",
            Label::ExternalParticipants => "Externa deltagare",
            Label::Purpose => "Syfte",
            Label::Scenario => "Scenario",
            Label::Funding => "Finansiering",
            Label::Objective => "Målet",
            Label::Username => "Användarnamn",
            Label::Start => "Start",
            Label::End => "Slut",
            Label::Justification => "Motiveringen",
            Label::Shortcomings => "Bristerna",
            Label::Measures => "Åtgärderna",
            Label::LevelLabel => "Benämningen",
            Label::Anchor => "Beskrivningen",
            Label::Reason => "Motiveringen",
            Label::Responsible => "Ansvarig",
            Label::Progress => "Arbetet hittills",
            Label::Document => "Dokumentet",
            Label::BasicCriteria => "Grundläggande krav",
            Label::QualityCriteria => "Kvalitetsmått",
            Label::Note => "Anteckningen",
            Label::Unit => "Enheten",
            Label::ScenarioStart => "Scenariots starttid",
            Label::PlannedAt => "Planerad tid",
            Label::Sender => "Avsändaren",
            Label::Content => "Innehållet",
            Label::ExpectedActions => "Förväntade åtgärder",
            Label::EntryText => "Texten",
            Label::CriticalTask => "En kritisk uppgift",
            Label::SourceRef => "Hänvisningen",
            Label::FindingTitle => "Rubriken",
            Label::ActionText => "Åtgärden",
            Label::Criterion => "Verifieringskriteriet",
            Label::Lesson => "Lärdomen",
            Label::Hotwash => "Anteckningarna från hotwash",
            Label::Summary => "Sammanfattningen",
        }
    }

    /// A label inside a sentence, with a small initial ("Ange start."). Only the initial changes,
    /// and only within the Swedish alphabet: `str::to_lowercase` would add Unicode's case tables,
    /// 5 kB compressed, to the browser bundle.
    fn inline(l: Label) -> String {
        let text = label(l);
        let mut chars = text.chars();
        let small = match chars.next() {
            Some('Å') => 'å',
            Some('Ä') => 'ä',
            Some('Ö') => 'ö',
            Some(c) => c.to_ascii_lowercase(),
            None => return String::new(),
        };
        let mut out = String::with_capacity(text.len());
        out.push(small);
        out.push_str(chars.as_str());
        out
    }

    /// A message in Swedish.
    // ---------- Evaluation and the evaluation report ----------
    pub const EVAL_HEADING: &str = "Utvärdering";
    pub const EVAL_TITLE: &str = "Utvärdering";
    pub const EVAL_INTRO: &str = "Utvärderarna bedömer varje mål enligt HSEEP-skalan P/S/M/U eller anger att de inte observerade det. När de som observerade är oeniga flaggas målet och övningsledningen sätter slutbetyget med en motivering.";
    pub const EVAL_OBJECTIVE: &str = "Mål";
    pub const EVAL_NOT_RATED: &str = "Ej bedömt";
    pub const EVAL_FLAGGED: &str = "Flaggat: utvärderarna är oeniga";
    pub const EVAL_FLAGGED_TEXT: &str = "Utvärderarna som observerade målet har bedömt det olika. Övningsledningen behöver sätta slutbetyget med en motivering innan rapporten kan godkännas.";
    pub const EVAL_WAS_DISPUTED: &str = "(utvärderarna var oeniga)";
    pub const EVAL_FINAL: &str = "Slutbetyg";
    pub const EVAL_FINAL_REASON: &str = "Motivering till slutbetyget";
    pub const EVAL_FINAL_SET: &str = "Sätt slutbetyg";
    pub const EVAL_FINAL_CHANGE: &str = "Ändra slutbetyg";
    pub const EVAL_FINAL_SAVE: &str = "Spara slutbetyg";
    pub const EVAL_TASKS: &str = "Kritiska uppgifter";
    pub const EVAL_TASKS_HINT: &str = "En uppgift per rad.";
    pub const EVAL_TASKS_SAVE: &str = "Spara kritiska uppgifter";
    pub const EVAL_NO_TASKS: &str = "Inga kritiska uppgifter angivna.";
    pub const EVAL_EVALUATORS: &str = "Utvärderare";
    pub const EVAL_EVALUATORS_SAVE: &str = "Spara utvärderare";
    pub const EVAL_NO_EVALUATORS: &str = "Ingen utvärderare är tilldelad.";
    pub const EVAL_NO_EVALUATORS_ON_STAFF: &str =
        "Övningen har inga utvärderare i bemanningen ännu.";
    pub const EVAL_SETUP: &str = "Kritiska uppgifter och utvärderare";
    pub const EVAL_EVALUATOR: &str = "Utvärderare";
    pub const EVAL_RATING: &str = "Bedömning";
    pub const EVAL_RATINGS_OF: &str = "Utvärderarnas bedömningar av mål";
    pub const EVAL_JUSTIFICATION: &str = "Motivering";
    pub const EVAL_NOTES: &str = "Interna anteckningar";
    pub const EVAL_NOTES_HINT: &str =
        "Syns för övningsledning och utvärderare, inte i deltagarversionen av rapporten.";
    pub const EVAL_CITED_ENTRIES: &str = "Loggposter som stöder bedömningen";
    pub const EVAL_MY_RATING: &str = "Din bedömning";
    pub const EVAL_MY_RATING_CHANGE: &str = "Ändra din bedömning";
    pub const EVAL_SAVE_RATING: &str = "Spara bedömning";
    pub const EVAL_NOT_ASSIGNED: &str = "Du är inte tilldelad som utvärderare för det här målet.";
    pub const EVAL_NOT_OPEN: &str = "Utvärderingen tar inte emot ändringar: övningen har inte genomförts ännu, eller är avslutad.";
    pub const EVAL_PARTICIPANT_VIEW: &str =
        "Du ser deltagarversionen, utan utvärderarnas interna anteckningar.";
    pub const EVAL_NO_OBJECTIVES: &str = "Övningen har inga mål att utvärdera.";
    pub const EVAL_WHOLE_EXERCISE: &str = "Hela övningen";
    pub const EVAL_HOTWASH: &str = "Genomgång efter övning (hotwash)";
    pub const EVAL_HOTWASH_HINT: &str =
        "Anteckningar från genomgången direkt efter spelet: vad gick bra, vad gick mindre bra.";
    pub const EVAL_SUMMARY: &str = "Sammanfattning";
    pub const EVAL_SUMMARY_HINT: &str =
        "Rapportens sammanfattning, som inleder utvärderingsrapporten.";
    pub const EVAL_HOTWASH_AND_SUMMARY: &str = "Genomgång och sammanfattning";
    pub const FINDINGS_OF_EXERCISE: &str = "Styrkor och förbättringsområden";
    pub const STRENGTHS: &str = "Styrkor";
    pub const IMPROVEMENTS: &str = "Förbättringsområden";
    pub const FINDING_ADD: &str = "Lägg till styrka eller förbättringsområde";
    pub const FINDING_KIND: &str = "Typ";
    pub const FINDING_TITLE: &str = "Rubrik";
    pub const FINDING_ENTRY: &str = "Från loggpost";
    pub const FINDING_FROM_ENTRY: &str = "Från loggpost";
    pub const FINDING_SAVE: &str = "Spara";
    pub const FINDING_OPEN_CHAIN: &str = "Visa kedjan: beslut, åtgärder, verifiering";
    pub const RECORDED_BY: &str = "Registrerad av";
    pub const NONE_YET: &str = "Inga ännu.";
    pub const NONE_CHOSEN: &str = "Ingen";
    pub const NOT_YET: &str = "Inte ännu";
    pub const REMOVED: &str = "Borttaget.";
    pub const OVERDUE: &str = "Försenad";
    pub fn eval_progress(rated: usize, all: usize) -> String {
        format!("{rated} av {all} mål har slutbetyg.")
    }
    pub fn eval_flagged_count(n: usize) -> String {
        if n == 1 {
            "1 mål är flaggat.".into()
        } else {
            format!("{n} mål är flaggade.")
        }
    }
    pub fn rated_by(n: usize) -> String {
        if n == 1 {
            "Bedömt av 1 utvärderare.".into()
        } else {
            format!("Bedömt av {n} utvärderare.")
        }
    }
    pub fn report_approved(by: &str, at: &str) -> String {
        format!("Rapporten godkändes av {by} {at}.")
    }

    pub const REPORT_TITLE: &str = "Utvärderingsrapport";
    pub const REPORT_FULL_VERSION: &str =
        "Fullständig version med utvärderarnas interna anteckningar";
    pub const REPORT_PARTICIPANT_VERSION: &str = "Deltagarversion";
    pub const REPORT_VERSIONS: &str = "Rapportens versioner";
    pub const REPORT_SHOW_PARTICIPANTS: &str = "Visa deltagarversionen";
    pub const REPORT_SHOW_FULL: &str = "Visa den fullständiga versionen";
    pub const REPORT_PRINT_HINT: &str =
        "Skriv ut med webbläsarens utskrift (Ctrl+P); sidan är anpassad för A4.";
    pub const REPORT_ABOUT: &str = "Övningen";
    pub const REPORT_OBJECTIVES: &str = "Mål och bedömning";
    pub const REPORT_TIMELINE: &str = "Tidslinje: viktiga loggposter";
    pub const REPORT_NO_TIMELINE: &str =
        "Övningen fördes inte i Redos logg, eller loggen saknar beslut, avvikelser och inspel.";
    pub const REPORT_NO_SUMMARY: &str = "Sammanfattningen är inte skriven ännu.";
    pub const REPORT_APPROVED: &str = "Godkänd.";
    pub const REPORT_APPROVED_NOW: &str = "Rapporten är godkänd. Övningen kan nu avslutas.";
    pub const REPORT_NOT_APPROVED: &str = "Rapporten är inte godkänd.";
    pub const REPORT_APPROVE_HINT: &str =
        "När rapporten är godkänd kan övningen avslutas, och utvärderingen ändras inte längre.";
    pub const REPORT_APPROVE: &str = "Godkänn rapporten";

    // ---------- Findings, corrective actions, lessons ----------
    pub const NAV_ACTIONS: &str = "Åtgärder";
    pub const IMPROVEMENT_NAV: &str = "Brister, åtgärder och lärdomar";
    pub const FINDINGS_TITLE: &str = "Brister";
    pub const FINDINGS_INTRO: &str = "Regionens register över brister: förbättringsområden från övningar, verkliga händelser, risk- och sårbarhetsanalysen, tillsyn och revision – med beslut, åtgärder och lärdomar.";
    pub const FINDINGS_EMPTY: &str = "Inga brister matchar filtret.";
    pub const FINDINGS_BACK: &str = "Till registret över brister";
    pub const FINDING: &str = "Brist";
    pub const FINDING_SOURCE: &str = "Källa";
    pub const FINDING_SOURCE_REF: &str = "Händelse eller dokument";
    pub const FINDING_SOURCE_REF_HINT: &str = "Till exempel \"Skogsbranden vid Simlångsdalen, augusti 2026\" eller \"RSA 2023, avsnitt 4.2\".";
    pub const FINDING_OBSERVED_ON: &str = "Upptäckt";
    pub const FINDING_REGION_WIDE: &str = "Regiongemensam";
    pub const FINDING_RECORD: &str = "Registrera en brist utanför övning";
    pub const FINDING_RECORD_SAVE: &str = "Registrera bristen";
    pub const LESSON: &str = "Lärdom";
    pub fn findings_count(n: usize) -> String {
        if n == 1 {
            "1 brist.".into()
        } else {
            format!("{n} brister.")
        }
    }
    pub fn action_counts(all: u32, open: u32, overdue: u32) -> String {
        match (all, overdue) {
            (0, _) => "Inga".into(),
            (_, 0) => format!("{all} ({open} öppna)"),
            _ => format!("{all} ({open} öppna, {overdue} försenade)"),
        }
    }

    pub const CHAIN_LABEL: &str = "Lärandekedjan";
    pub const CHAIN_DONE: &str = "Klart:";
    pub const CHAIN_PENDING: &str = "Återstår:";
    pub const CHAIN_OBSERVATION: &str = "Observation";
    pub const CHAIN_IDENTIFIED: &str = "Identifierad lärdom (förbättringsområde)";
    pub const CHAIN_DECISION: &str = "Beslut";
    pub const CHAIN_NOT_DECIDED: &str = "Inget beslut ännu.";
    pub const CHAIN_ACTIONS: &str = "Åtgärder";
    pub const CHAIN_NO_ACTIONS: &str = "Inga åtgärder ännu.";
    pub const CHAIN_VERIFICATION: &str = "Verifiering";
    pub const CHAIN_NOT_VERIFIED: &str = "Ingen åtgärd är verifierad ännu.";
    pub const CHAIN_LESSON: &str = "Omhändertagen lärdom";
    pub const CHAIN_NO_LESSON: &str = "Lärdomen är inte formulerad ännu.";

    pub const ACTIONS_TITLE: &str = "Åtgärder";
    pub const ACTIONS_INTRO: &str = "Korrigerande åtgärder från övningar och händelser, följda till verifiering. Försenade åtgärder är markerade.";
    pub const ACTIONS_OPEN: &str = "Öppna";
    pub const ACTIONS_ONLY_OVERDUE: &str = "Bara försenade";
    pub const ACTIONS_EMPTY: &str = "Inga åtgärder matchar filtret.";
    pub const ACTIONS_BACK: &str = "Till alla åtgärder";
    pub const ACTION_TEXT: &str = "Åtgärd";
    pub const ACTION_OWNER: &str = "Ägande förvaltning";
    pub const ACTION_POETE: &str = "POETE-element";
    pub const ACTION_CRITERION: &str = "Verifieringskriterium";
    pub const ACTION_CRITERION_HINT: &str =
        "Vad som ska visa att åtgärden fungerar, till exempel ett mål i en kommande övning.";
    pub const ACTION_VERIFIER: &str = "Verifierare";
    pub const ACTION_VERIFIER_HINT: &str = "En annan person än den ansvarige.";
    pub const ACTION_DECIDED: &str = "Beslutad";
    pub const ACTION_DECIDE: &str = "Besluta åtgärden";
    pub const ACTION_VERIFICATION: &str = "Verifiering";
    pub const ACTION_VERIFY: &str = "Verifiera åtgärden";
    pub const ACTION_VERIFY_HINT: &str = "Hänvisa till ett mål i en senare genomförd övning med slutbetyg P eller S. Utan övning krävs en motivering, och åtgärden visas som verifierad utan övning.";
    pub const ACTION_EDIT: &str = "Ändra åtgärden";
    pub const ACTION_DROP: &str = "Avför åtgärden";
    pub const ACTION_DROPPED_REASON: &str = "Skäl att avföra";
    pub const ACTION_LIFECYCLE: &str = "Åtgärdens steg";
    pub const ACTION_PROPOSE: &str = "Föreslå en åtgärd";
    pub const ACTION_PROPOSE_SAVE: &str = "Föreslå åtgärden";
    pub const ACTION_RETEST: &str = "Återprov";
    pub const RETEST_PROPOSED: &str = "Redo föreslår återprov i";
    pub const RETEST_ACCEPTED: &str = "Återprovas som mål i";
    pub const RETEST_MISSED: &str = "Återprovet som föreslogs lades aldrig till som mål i";
    pub const RETEST_MISSED_AFTER: &str =
        "Verifiera med ett mål i en senare övning, eller med en motivering.";
    pub const RETEST_ACCEPT: &str = "Lägg till återprovet som mål";
    pub const RETEST_NONE: &str = "Ingen planerad övning där den ägande förvaltningen leder eller deltar. Luckan syns i täckningsvyn.";
    pub const RETEST_AFTER_DECISION: &str = "Redo föreslår ett återprov när åtgärden beslutas.";
    pub const VERIFIED_WITHOUT_EXERCISE: &str = "Verifierad utan övning";
    pub const VERIFY_OBJECTIVE: &str = "Mål i en senare övning";
    pub const VERIFY_NO_EXERCISE: &str = "Ingen övning – ange motivering";
    pub const VERIFY_REASON: &str = "Motivering (utan övning)";
    pub const VERIFY_REASON_HINT: &str = "Krävs när inget mål väljs.";
    pub const VERIFY_LESSON_HINT: &str =
        "Den omhändertagna lärdomen, som visas i lärdomsbiblioteket.";
    pub fn verified_by_exercise(by: &str, at: &str) -> String {
        format!("Verifierad av {by} {at} genom")
    }
    pub fn retest_objective_hint(text: &str) -> String {
        format!("Målet som läggs till: \"{text}\"")
    }
    pub fn action_step(to: crate::domain::improvement::ActionStatus) -> String {
        format!("Markera som {}", to.label().to_lowercase())
    }
    pub fn actions_summary(n: usize, overdue: usize) -> String {
        let n_text = if n == 1 {
            "1 åtgärd".to_string()
        } else {
            format!("{n} åtgärder")
        };
        if overdue == 0 {
            format!("{n_text}.")
        } else {
            format!("{n_text}, varav {overdue} försenade.")
        }
    }
    pub fn retest_short(a: &crate::domain::improvement::Action) -> String {
        match (&a.retest_objective, &a.retest_exercise) {
            (Some((_, _, name)), _) => format!("Mål i {name}"),
            (None, Some((_, name, _))) => format!("Föreslaget: {name}"),
            (None, None) if a.decided.is_some() => "Ingen planerad övning".into(),
            (None, None) => "–".into(),
        }
    }

    pub const LESSONS_TITLE: &str = "Lärdomar";
    pub const LESSONS_INTRO: &str = "Lärdomar från övningar och verkliga händelser, med åtgärderna bakom. Sök på ord, förmågeområde och förvaltning.";
    pub const LESSONS_SEARCH: &str = "Sök";
    pub const LESSONS_EMPTY: &str = "Inga lärdomar matchar sökningen.";
    pub const SEARCH_BUTTON: &str = "Sök";
    pub fn lessons_summary(n: usize, learned: usize) -> String {
        format!("{n} förbättringsområden, varav {learned} med omhändertagen lärdom.")
    }
    pub fn lessons_verified(n: usize) -> String {
        if n == 1 {
            "1 åtgärd verifierad.".into()
        } else {
            format!("{n} åtgärder verifierade.")
        }
    }

    pub const OPEN_ACTIONS_TITLE: &str = "Öppna åtgärder";
    pub const OPEN_ACTIONS: &str = "Öppna";
    pub const OVERDUE_ACTIONS: &str = "Försenade";
    pub const PLAN_ACTIONS_INTRO: &str = "Korrigerande åtgärder som ännu inte är verifierade, per ägande förvaltning: de förmågeområden kommande övningar bör pröva igen.";
    pub const CELL_OPEN_ACTIONS: &str = "Öppna åtgärder i cellen";
    pub const CELL_NO_OPEN_ACTIONS: &str =
        "Inga öppna åtgärder för förvaltningen i det här förmågeområdet.";
    pub const UNTESTED_TITLE: &str = "Åtgärder utan återprov";
    pub const UNTESTED_INTRO: &str = "Beslutade åtgärder som ingen planerad övning där den ägande förvaltningen leder eller deltar kan pröva. Planera en övning eller verifiera på annat sätt.";
    pub fn open_actions_summary(open: u32, overdue: u32) -> String {
        match (open, overdue) {
            (0, _) => "Inga öppna åtgärder.".into(),
            (1, 0) => "1 öppen åtgärd.".into(),
            (n, 0) => format!("{n} öppna åtgärder."),
            (1, _) => "1 öppen åtgärd, försenad.".into(),
            (n, o) => format!("{n} öppna åtgärder, varav {o} försenade."),
        }
    }
    pub fn open_actions_fact(open: u32, overdue: u32) -> String {
        format!("{open} öppna, {overdue} försenade")
    }
    pub fn cell_actions(open: u32, overdue: u32) -> String {
        let n = if open == 1 {
            "1 åtgärd".to_string()
        } else {
            format!("{open} åtgärder")
        };
        if overdue == 0 {
            n
        } else {
            format!(
                "{n} ({overdue} försenad{})",
                if overdue == 1 { "" } else { "e" }
            )
        }
    }
    pub fn message(m: &Msg) -> String {
        match m {
            Msg::Required { label: l } => format!("{} måste fyllas i.", label(*l)),
            Msg::TooLong { label: l, max } => format!("{} får vara högst {max} tecken.", label(*l)),
            Msg::DateRequired => "Ange ett datum.".into(),
            Msg::DateFormat => "Ange datumet som ÅÅÅÅ-MM-DD.".into(),
            Msg::DateTimeRequired { label: l } => format!("Ange {}.", inline(*l)),
            Msg::DateTimeFormat { label: l } => format!("Ange {} som ÅÅÅÅ-MM-DD TT:MM.", inline(*l)),

            Msg::CodeAlphanumeric => "Koden får bara innehålla bokstäver A–Z och siffror.".into(),
            Msg::CodeAlphanumericDash => {
                "Koden får bara innehålla bokstäver A–Z, siffror och bindestreck.".into()
            }
            Msg::ForvaltningKindRequired => "Välj en typ av förvaltning.".into(),
            Msg::ForvaltningCodeTaken => "Koden används redan av en annan förvaltning.".into(),
            Msg::CapabilityCodeTaken => "Det finns redan ett förmågeområde med den koden.".into(),
            Msg::RequirementCodeTaken => {
                "Överenskommelsen har redan ett kravområde med den koden.".into()
            }
            Msg::NatoRequirementList => "NATO-krav anges som siffror 1–7, åtskilda med komma.".into(),
            Msg::TooManyRequirements { max } => format!("Välj högst {max} kravområden."),
            Msg::UnknownRequirements => "Ett eller flera kravområden finns inte.".into(),
            Msg::ValidToBeforeValidFrom => "Slutdatum får inte vara före startdatum.".into(),

            Msg::BadCredentials => "Fel användarnamn eller lösenord.".into(),
            Msg::UsernameCharacters => {
                "Användarnamnet får bara innehålla a–z, siffror och . - _ @".into()
            }
            Msg::UsernameTaken => "Användarnamnet är upptaget.".into(),
            Msg::RoleRequired => "Välj en roll.".into(),
            Msg::OwnAdminRole => "Du kan inte ta bort din egen administratörsbehörighet.".into(),
            Msg::PasswordTooShort { min } => format!("Lösenordet måste ha minst {min} tecken."),
            Msg::PasswordTooLong { max } => format!("Lösenordet får vara högst {max} tecken."),
            Msg::TooManyScopeForvaltningar { max } => format!("Välj högst {max} förvaltningar."),
            Msg::ScopeBoth => "Välj antingen Hela regionen eller förvaltningar, inte båda.".into(),
            Msg::ScopeMissing => "Välj de förvaltningar kontot gäller, eller Hela regionen.".into(),
            Msg::UnknownForvaltningar => "En eller flera förvaltningar finns inte.".into(),

            Msg::FormatRequired => "Välj en övningsform.".into(),
            Msg::EndBeforeStart => "Slutet får inte vara före starten.".into(),
            Msg::LeadRequired => "Välj ansvarig förvaltning.".into(),
            Msg::UnknownForvaltning => "Okänd förvaltning.".into(),
            Msg::InactiveForvaltning => "Förvaltningen är inaktiv.".into(),
            Msg::InactiveParticipant { name } => {
                format!("{name} är inaktiv och kan inte läggas till.")
            }
            Msg::UnknownParticipants => "En eller flera deltagande förvaltningar finns inte.".into(),
            Msg::TooManyParticipants { max } => {
                format!("Välj högst {max} deltagande förvaltningar.")
            }
            Msg::LeadOutsideScopeCreate => {
                "Du kan bara planera övningar som dina förvaltningar leder.".into()
            }
            Msg::LeadOutsideScopeUpdate => {
                "Du kan bara ge övningen till en förvaltning du planerar för.".into()
            }
            Msg::TooManyObjectives { max } => format!("En övning kan ha högst {max} mål."),
            Msg::ObjectiveCapabilityRequired => "Välj det förmågeområde målet övar.".into(),
            Msg::TooManyObjectiveRequirements { max } => {
                format!("Välj högst {max} kravområden per mål.")
            }
            Msg::UnknownObjective => "Okänt mål.".into(),
            Msg::UnknownCapability => "Okänt förmågeområde.".into(),
            Msg::UnknownRequirement => "Okänt kravområde.".into(),
            Msg::ObjectiveGone => "Målet finns inte längre i övningen. Ladda om sidan.".into(),
            Msg::ObjectiveInUse => "Ett mål som har bedömningar eller iakttagelser, eller som återprövar eller verifierar en åtgärd, kan inte tas bort. Ändra texten i stället.".into(),
            Msg::NewExerciseHasObjectives => "En ny övning har inga sparade mål.".into(),
            Msg::ReadyNeedsObjectives => "En övning som är Redo måste ha minst ett mål.".into(),
            Msg::UnknownStatus => "Okänd status.".into(),
            Msg::TransitionNotAllowed { from, to } => format!(
                "En övning kan inte gå från {} till {}.",
                from.label(),
                to.label()
            ),
            Msg::NeedsObjective => "Övningen måste ha minst ett mål innan den kan bli Redo.".into(),
            Msg::CancelReasonRequired => "Ange varför övningen ställs in.".into(),
            Msg::CancelReasonTooLong { max } => format!("Orsaken får vara högst {max} tecken."),
            Msg::ConfirmDelete => "Kryssa i rutan för att bekräfta att övningen ska tas bort.".into(),

            Msg::ExerciseFinished => "Avslutade och inställda övningar kan inte ändras.".into(),
            Msg::ExerciseChangedKeepInput => "Övningen har ändrats av någon annan sedan du öppnade den. Dina värden finns kvar i formuläret: jämför med övningens sida och spara igen för att skriva över ändringen.".into(),
            Msg::ExerciseChangedReload => "Övningen har ändrats av någon annan. Ladda om sidan.".into(),
            Msg::ConductedNotDeletable => {
                "En övning som har genomförts kan inte tas bort. Den är en del av historiken.".into()
            }
            Msg::RequestInProgress => {
                "Samma begäran behandlas redan. Vänta ett ögonblick och ladda sedan om sidan.".into()
            }

            Msg::IdempotencyKeyFormat => {
                "Idempotensnyckeln ska vara 1–255 synliga tecken (A–Z, 0–9 och skiljetecken).".into()
            }
            Msg::IdempotencyKeyReused => "Nyckeln har redan använts för en annan begäran. Skicka ändrat innehåll med en ny nyckel.".into(),

            Msg::LevelRange => "Välj en nivå från 0 (ej bedömd) till 5.".into(),
            Msg::TargetRange => "Välj en målnivå från 1 till 5.".into(),
            Msg::JustificationBelowTarget => {
                "Nivån är under målnivån: skriv en motivering.".into()
            }
            Msg::TooManyLines { label: l, max } => format!("{} får vara högst {max} rader.", label(*l)),
            Msg::LineTooLong { label: l, max } => {
                format!("{}: varje rad får vara högst {max} tecken.", label(*l))
            }
            Msg::UnknownEvidence => "Ett av de valda underlagen finns inte längre. Välj igen.".into(),
            Msg::EvidenceNotConducted => {
                "Bara genomförda övningar kan vara underlag för en bedömning.".into()
            }
            Msg::TooMuchEvidence { max } => format!("Välj högst {max} underlag."),
            Msg::AssessedInFuture => "Bedömningsdagen kan inte ligga i framtiden.".into(),
            Msg::UnknownPeriod => "Perioden finns inte. Ange den som ÅÅÅÅH1, ÅÅÅÅH2 eller ÅÅÅÅ.".into(),
            Msg::AssessmentNotDraft => "Bara ett utkast kan lämnas in.".into(),
            Msg::AssessmentNotSubmitted => {
                "Bara en inlämnad bedömning kan fastställas eller skickas tillbaka.".into()
            }
            Msg::ApproveOwnAssessment => {
                "Du har själv gjort bedömningen. En annan beredskapssamordnare måste fastställa den.".into()
            }
            Msg::ApproverNotRegionWide => {
                "Bara en beredskapssamordnare för hela regionen kan fastställa bedömningar.".into()
            }
            Msg::ReturnCommentRequired => "Skriv vad bedömaren behöver ändra.".into(),
            Msg::AssessmentChangedKeepInput => "Bedömningen har ändrats av någon annan sedan du öppnade den. Dina värden finns kvar i formuläret: jämför med historiken och spara igen för att skriva över ändringen.".into(),
            Msg::AssessmentChangedReload => "Bedömningen har ändrats av någon annan. Ladda om sidan.".into(),
            Msg::PeriodKindRequired => "Välj halvår eller år.".into(),
            Msg::RuleRequired => "Välj hur den samlade nivån räknas fram.".into(),
            Msg::EvidenceMonthsRange { max } => format!("Ange ett antal månader från 1 till {max}."),
            Msg::SettingsChanged => "Inställningarna har ändrats av någon annan. Dina värden finns kvar: spara igen för att skriva över ändringen.".into(),
            Msg::StatusReasonRequired => "Skriv varför statusen skiljer sig från den som kriterierna föreslår.".into(),
            Msg::FulfilmentChanged => "Uppföljningen har ändrats av någon annan sedan du öppnade sidan. Dina värden finns kvar: jämför med historiken och spara igen.".into(),
            Msg::UnknownCriterion => "Ett av kriterierna hör inte till kravområdet. Ladda om sidan.".into(),
            Msg::RequirementNotPerForvaltning => "Kravområdet följs upp för hela regionen, inte per förvaltning.".into(),
            Msg::RequirementPerForvaltning => "Kravområdet följs upp per förvaltning: välj en förvaltning.".into(),
            Msg::UnknownEvidenceItem => "Underlaget finns inte, eller hör inte till det här kravområdet.".into(),
            Msg::EvidenceExists => "Underlaget finns redan med.".into(),
            Msg::MappingOtherAgreement => "Mappningen nämner ett kravområde som inte hör till den föregående versionen av överenskommelsen.".into(),
            Msg::RolloverStartsTooEarly => "Den nya versionen måste börja efter att den föregående började.".into(),
            Msg::NewAreaLine => "Skriv varje nytt kravområde på en egen rad som KOD Benämning, till exempel C11 Lagringsskyldighet.".into(),
            Msg::RolloverWithoutAreas => "Den nya versionen måste ha minst ett kravområde.".into(),
            Msg::TooManyAreas { max } => format!("En version kan ha högst {max} kravområden."),
            Msg::AlreadyRolledOver => "Den här versionen har redan en efterföljare. Öppna den i stället.".into(),
            Msg::DeadlineKindRequired => "Välj vilken sorts rapportering det är.".into(),
            Msg::DeadlineChanged => "Rapporteringen har ändrats av någon annan. Dina värden finns kvar: spara igen för att skriva över ändringen.".into(),
            Msg::DirectionRequired => "Välj om lägre eller högre värden är bättre.".into(),
            Msg::YearRange { min, max } => format!("Ange ett år från {min} till {max}."),
            Msg::NumberFormat => "Ange ett tal, till exempel 12 eller 12,5 (högst två decimaler).".into(),
            Msg::TargetYearBeforeBaseline => "Målåret får inte vara före basåret.".into(),
            Msg::IndicatorChanged => "Indikatorn har ändrats av någon annan. Ladda om sidan och försök igen.".into(),
            Msg::ValueNotPerForvaltning => "Indikatorn följs upp för hela regionen, inte per förvaltning.".into(),
            Msg::BriefTitleRequired => "Ge rapporten en rubrik.".into(),
            Msg::OffsetRange { max } => format!("Ange förskjutningen i hela minuter, högst {max} åt något håll."),
            Msg::InjectNumberRange { max } => format!("Ange inspelets nummer som ett heltal från 1 till {max}."),
            Msg::InjectNumberTaken { number } => format!("Det finns redan ett inspel nummer {number} i listan."),
            Msg::ChannelUnknown => "Välj en kanal: telefon, Rakel, e-post, WIS, muntligt eller annat.".into(),
            Msg::EntryKindRequired => "Välj vad posten gäller.".into(),
            Msg::EntryKindNotForRole => "Din roll i övningen kan inte logga den sortens post.".into(),
            Msg::ObservedAtImplausible => "Tiden från din enhet är orimlig. Kontrollera enhetens klocka.".into(),
            Msg::UnknownInject => "Inspelet finns inte i den här övningens händelselista.".into(),
            Msg::UnknownUser => "Användaren finns inte.".into(),
            Msg::NotOnStaff => "Du ingår inte i övningens bemanning. Be övningsledningen lägga till dig.".into(),
            Msg::StaffRoleRequired => "Välj en roll i övningen.".into(),
            Msg::StaffObserverOnly => "Observatörer och styrelseledamöter kan bara vara observatörer i en övning (de kan vara spelare).".into(),
            Msg::LogClosed => "Loggen är inte öppen: den öppnas när övningen är Redo och stängs när den utvärderas.".into(),
            Msg::PlayNotRunning => "Det går inte just nu: övningens spel är inte igång.".into(),
            Msg::ClockChanged => "Övningsklockan har ändrats av någon annan. Ladda om sidan och försök igen.".into(),
            Msg::InjectChanged => "Inspelet har ändrats av någon annan. Ladda om sidan och försök igen.".into(),
            Msg::InjectNotPlanned => "Inspelet är redan skickat eller överhoppat.".into(),
            Msg::InjectSent => "Ett skickat inspel kan inte ändras eller tas bort.".into(),
            Msg::TooManyInjects { max } => format!("En händelselista kan ha högst {max} inspel."),
            Msg::UnknownAction => "Åtgärden hör inte till inspelet.".into(),
            Msg::CorrectOwnEntries => "Du kan bara rätta dina egna poster; övningsledningen kan rätta alla.".into(),
            Msg::UnknownEntry => "Posten finns inte i den här övningens logg.".into(),
            Msg::ImportRow { row, column, message: m } => format!("Rad {row}, kolumn {column}: {}", message(m)),
            Msg::ImportFileRequired => "Välj en fil att läsa in.".into(),
            Msg::ImportFileKind => "Filen måste vara en Excel-fil (.xlsx) eller en CSV-fil (.csv).".into(),
            Msg::ImportTooLarge { max_kb } => format!("Filen är för stor: högst {max_kb} kB."),
            Msg::ImportMalformed => "Filen kunde inte läsas. Spara den som .xlsx eller som CSV (semikolonavgränsad, UTF-8) och försök igen.".into(),
            Msg::ImportColumnsMissing { columns } => format!("Filen saknar kolumnerna {columns}. Den första raden ska ha kolumnnamnen."),
            Msg::ImportEmpty => "Filen har inga inspel.".into(),
            Msg::InjectListHasSent => "Händelselistan har skickade inspel och kan inte ersättas. Lägg till nya inspel ett i taget.".into(),
            Msg::AssessmentExists => "Någon annan har just lagt in en bedömning för samma förvaltning, område och period. Dina värden finns kvar: öppna den bedömningen och spara där.".into(),
            Msg::Worded(text) => text.clone(),
            Msg::RatingRequired => "Välj en bedömning: P, S, M, U eller ej observerat.".into(),
            Msg::FinalRatingRequired => "Välj den slutliga bedömningen: P, S, M eller U.".into(),
            Msg::TooManyEntries { max } => format!("Högst {max} loggposter kan kopplas."),
            Msg::TooManyTasks { max } => format!("Högst {max} kritiska uppgifter per mål."),
            Msg::ReportHasDisputes { count } => format!(
                "{count} mål har oeniga bedömningar. Sätt den slutliga bedömningen innan rapporten godkänns."
            ),
            Msg::ReportHasUnrated { count } => format!(
                "{count} mål saknar bedömning. Utvärderarna behöver bedöma dem innan rapporten godkänns."
            ),
            Msg::NotAnEvaluator => "Bara utvärderare i övningens bemanning kan tilldelas mål.".into(),
            Msg::NotAssignedEvaluator => "Du är inte tilldelad som utvärderare för det här målet.".into(),
            Msg::EvaluationClosed => "Utvärderingsrapporten är godkänd. Utvärderingen kan inte längre ändras.".into(),
            Msg::EvaluationNotOpen => "Övningen kan utvärderas när den har startat.".into(),
            Msg::ReportApproved => "Rapporten är redan godkänd.".into(),
            Msg::ReportNotApproved => "Utvärderingsrapporten behöver godkännas innan övningen kan avslutas.".into(),
            Msg::FindingKindRequired => "Välj styrka eller förbättringsområde.".into(),
            Msg::FindingSourceRequired => "Välj var bristen kommer ifrån.".into(),
            Msg::CapabilityRequired => "Välj ett förmågeområde.".into(),
            Msg::UnknownChoice => "Välj ett av alternativen.".into(),
            Msg::OwnerRequired => "Välj den förvaltning som äger åtgärden.".into(),
            Msg::ResponsibleRequired => "Välj en ansvarig person.".into(),
            Msg::PoeteRequired => "Välj vilket POETE-element åtgärden gäller.".into(),
            Msg::VerifierRequired => "Välj vem som verifierar åtgärden.".into(),
            Msg::VerifierIsResponsible => "Den som verifierar får inte vara den ansvariga personen.".into(),
            Msg::VerificationNeedsExercise => "Välj ett mål i en senare övning, eller skriv varför åtgärden verifieras utan övning.".into(),
            Msg::VerificationNeedsLaterExercise => "Målet måste höra till en övning som har genomförts efter att åtgärden beslutades.".into(),
            Msg::VerificationNeedsPassingRating => "Målet måste ha bedömts P eller S för att verifiera åtgärden.".into(),
            Msg::VerificationNeedsRating => "Målet har ingen slutlig bedömning ännu.".into(),
            Msg::ActionNotInStatus => "Åtgärden har inte det läge som steget kräver. Ladda om sidan.".into(),
            Msg::DropReasonRequired => "Skriv varför åtgärden avförs.".into(),
            Msg::FindingNotDecided => "Förbättringsområdet behöver beslutas innan åtgärden kan beslutas.".into(),
            Msg::NoRetestProposed => "Det finns inget förslag på återprövning att godta.".into(),
            Msg::ActionChangedReload => "Någon annan har just ändrat åtgärden. Ladda om sidan och försök igen.".into(),
            Msg::FindingChangedReload => "Någon annan har just ändrat förbättringsområdet. Ladda om sidan och försök igen.".into(),
            Msg::FindingHasActions => "Förbättringsområdet har åtgärder och kan inte tas bort.".into(),
            Msg::NotAnImprovement => "Åtgärder hör till förbättringsområden och brister, inte till styrkor.".into(),
            Msg::RetestTargetStarted => "Övningen i förslaget har redan börjat. Föreslå återprövning i en senare övning.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sv::message;
    use crate::domain::{Label, Msg};

    #[test]
    fn the_browsers_copy_of_the_empty_entry_message_is_the_servers() {
        assert_eq!(
            message(&Msg::Required {
                label: Label::EntryText
            }),
            super::sv::LIVE_TEXT_REQUIRED
        );
    }

    #[test]
    fn messages_put_their_arguments_in_the_sentence() {
        assert_eq!(
            message(&Msg::TooLong {
                label: Label::Name,
                max: 200
            }),
            "Namn får vara högst 200 tecken."
        );
        assert_eq!(
            message(&Msg::DateTimeRequired { label: Label::End }),
            "Ange slut."
        );
        assert_eq!(
            message(&Msg::DateTimeFormat {
                label: Label::Start
            }),
            "Ange start som ÅÅÅÅ-MM-DD TT:MM."
        );
        assert_eq!(
            message(&Msg::InactiveParticipant {
                name: "Regionservice".into()
            }),
            "Regionservice är inaktiv och kan inte läggas till."
        );
    }

    #[test]
    fn headlines_read_as_plain_swedish_sentences() {
        use super::sv::headline;
        use crate::domain::board::Headline as H;
        use crate::domain::readiness::{Level, Period};
        let lvl = |n| Level::new(n).unwrap();
        let area = || "Krisledning och samverkan".to_string();
        let cases = [
            (
                H::MeetsTarget {
                    area: area(),
                    meeting: 4,
                    of: 7,
                    unassessed: 0,
                },
                "4 av 7 förvaltningar når målnivån för Krisledning och samverkan.",
            ),
            (
                H::MeetsTarget {
                    area: area(),
                    meeting: 0,
                    of: 1,
                    unassessed: 1,
                },
                "0 av 1 förvaltning når målnivån för Krisledning och samverkan; 1 har ingen fastställd nivå.",
            ),
            (
                H::WithoutExercise {
                    areas: 3,
                    since: chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
                },
                "3 förmågeområden saknar genomförd övning sedan juli 2024.",
            ),
            (
                H::WithoutExercise {
                    areas: 1,
                    since: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                },
                "1 förmågeområde saknar genomförd övning sedan januari 2025.",
            ),
            (
                H::Unverified { count: 9, of: 42 },
                "9 av 42 fastställda nivåer är inte verifierade genom övning.",
            ),
            (
                H::MedianChange {
                    area: area(),
                    from: lvl(2),
                    to: lvl(3),
                    since: Period::half_year(2025, 1),
                },
                "Regionens median för Krisledning och samverkan har stigit från 2 till 3 sedan H1 2025.",
            ),
            (
                H::MedianChange {
                    area: area(),
                    from: lvl(3),
                    to: lvl(2),
                    since: Period::half_year(2025, 2),
                },
                "Regionens median för Krisledning och samverkan har sjunkit från 3 till 2 sedan H2 2025.",
            ),
            (
                H::MedianChange {
                    area: area(),
                    from: lvl(3),
                    to: lvl(3),
                    since: Period::year(2024),
                },
                "Regionens median för Krisledning och samverkan är oförändrad på 3 sedan 2024.",
            ),
            (
                H::Approved {
                    count: 12,
                    of: 98,
                    period: Period::half_year(2026, 2),
                },
                "12 av 98 bedömningar är fastställda för H2 2026; för övriga visas den senast fastställda nivån.",
            ),
        ];
        for (h, want) in cases {
            assert_eq!(headline(&h), want);
        }
    }
}

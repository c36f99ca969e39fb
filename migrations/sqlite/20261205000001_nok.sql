-- Readiness, part 2: NÖK fulfilment from criteria, agreement versions rolled over with a mapping
-- of requirement areas, the reporting calendar, indicators and frozen board briefs.

-- A version rolled over from an earlier one names it; a requirement area may be followed per
-- förvaltning instead of for the region as a whole.
ALTER TABLE agreements ADD COLUMN previous_id INTEGER REFERENCES agreements(id);
ALTER TABLE requirement_areas ADD COLUMN per_forvaltning INTEGER NOT NULL DEFAULT 0 CHECK (per_forvaltning IN (0, 1));

-- The checklist of a requirement area: grundläggande krav (the minimum to meet the agreement) and
-- kvalitetsmått (quality measures), the split of MSB's gemensamma bedömningskriterier. A line
-- taken out is retired, not deleted, so what was ticked against it stays in the history.
CREATE TABLE requirement_criteria (
    id                  INTEGER PRIMARY KEY,
    requirement_area_id INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('grundlaggande', 'kvalitet')),
    text                TEXT NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX requirement_criteria_area ON requirement_criteria (requirement_area_id);

-- Which requirement areas of the previous version each area of a rolled-over version continues:
-- one to one (kept), several to one (merged), one to several (split); an area of the new
-- version without a row is new, one of the old without a row was dropped.
CREATE TABLE requirement_mappings (
    from_id INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    to_id   INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    PRIMARY KEY (from_id, to_id)
);
CREATE INDEX requirement_mappings_to ON requirement_mappings (to_id);

-- The region's work on a requirement area: for the region (no förvaltning), or per förvaltning
-- when the area is followed so. A missing row is an area nobody has started on. `status` is a
-- manual status that overrides the one suggested from the criteria, with its reason.
CREATE TABLE fulfilments (
    id                  INTEGER PRIMARY KEY,
    requirement_area_id INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    forvaltning_id      INTEGER REFERENCES forvaltningar(id),
    version             INTEGER NOT NULL,
    status              TEXT CHECK (status IN ('ej_paborjad', 'paborjad', 'delvis', 'uppfylld', 'ej_tillampligt')),
    reason              TEXT NOT NULL DEFAULT '',
    responsible         TEXT NOT NULL DEFAULT '',
    due_on              TEXT,
    progress            TEXT NOT NULL DEFAULT '',
    updated_by          INTEGER NOT NULL REFERENCES users(id),
    updated_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX fulfilments_region ON fulfilments (requirement_area_id) WHERE forvaltning_id IS NULL;
CREATE UNIQUE INDEX fulfilments_forvaltning ON fulfilments (requirement_area_id, forvaltning_id) WHERE forvaltning_id IS NOT NULL;

-- The criteria met, who ticked them and when.
CREATE TABLE fulfilment_criteria (
    fulfilment_id INTEGER NOT NULL REFERENCES fulfilments(id) ON DELETE CASCADE,
    criterion_id  INTEGER NOT NULL REFERENCES requirement_criteria(id) ON DELETE CASCADE,
    met_by        INTEGER NOT NULL REFERENCES users(id),
    met_at        TEXT NOT NULL,
    PRIMARY KEY (fulfilment_id, criterion_id)
);

-- Evidence added by hand: an exercise, an assessment or a document reference. (Exercises whose
-- objectives name the area count without a row.) `carried_from` names the area and version a
-- rollover carried it from.
CREATE TABLE fulfilment_evidence (
    id            INTEGER PRIMARY KEY,
    fulfilment_id INTEGER NOT NULL REFERENCES fulfilments(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('exercise', 'assessment', 'document')),
    exercise_id   INTEGER REFERENCES exercises(id) ON DELETE CASCADE,
    assessment_id INTEGER REFERENCES assessments(id) ON DELETE CASCADE,
    document      TEXT NOT NULL DEFAULT '',
    carried_from  TEXT NOT NULL DEFAULT '',
    added_by      INTEGER NOT NULL REFERENCES users(id),
    added_at      TEXT NOT NULL,
    CHECK ((kind = 'exercise') = (exercise_id IS NOT NULL)),
    CHECK ((kind = 'assessment') = (assessment_id IS NOT NULL))
);
CREATE INDEX fulfilment_evidence_fulfilment ON fulfilment_evidence (fulfilment_id);

-- Every change of a fulfilment, never changed: the state after it as JSON.
CREATE TABLE fulfilment_versions (
    fulfilment_id INTEGER NOT NULL REFERENCES fulfilments(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    action        TEXT NOT NULL,
    state         TEXT NOT NULL,
    changed_by    INTEGER NOT NULL REFERENCES users(id),
    changed_at    TEXT NOT NULL,
    PRIMARY KEY (fulfilment_id, version)
);

-- The deadlines the region reports against, and the requirement areas that feed each.
CREATE TABLE reporting_deadlines (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('rsa', 'plan', 'utbildning_ovning', 'uppfoljning', 'bidrag', 'annat')),
    recipient  TEXT NOT NULL DEFAULT '',
    due_on     TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('ej_paborjad', 'pagar', 'inlamnad')),
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reporting_deadlines_due ON reporting_deadlines (due_on);

CREATE TABLE deadline_requirements (
    deadline_id         INTEGER NOT NULL REFERENCES reporting_deadlines(id) ON DELETE CASCADE,
    requirement_area_id INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    PRIMARY KEY (deadline_id, requirement_area_id)
);

-- Indicators of the region's security goals: values in hundredths (12,5 % is 1250), a direction,
-- a baseline and a target; yearly values for the region or per förvaltning.
CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('lower', 'higher')),
    baseline_year   INTEGER NOT NULL,
    baseline_value  INTEGER NOT NULL,
    target_value    INTEGER NOT NULL,
    target_year     INTEGER NOT NULL,
    per_forvaltning INTEGER NOT NULL DEFAULT 0 CHECK (per_forvaltning IN (0, 1)),
    source          TEXT NOT NULL DEFAULT '',
    sort_order      INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL,
    CHECK (target_year >= baseline_year)
);

CREATE TABLE indicator_values (
    id             INTEGER PRIMARY KEY,
    indicator_id   INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    forvaltning_id INTEGER REFERENCES forvaltningar(id),
    year           INTEGER NOT NULL,
    value          INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX indicator_values_region ON indicator_values (indicator_id, year) WHERE forvaltning_id IS NULL;
CREATE UNIQUE INDEX indicator_values_forvaltning ON indicator_values (indicator_id, forvaltning_id, year) WHERE forvaltning_id IS NOT NULL;

-- A board brief frozen as of a reporting date: the facts it reported (for comparing briefs), its
-- body as rendered then, and its charts as drawn then. Never changed afterwards.
CREATE TABLE board_briefs (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    reporting_date TEXT NOT NULL,
    period         TEXT NOT NULL,
    facts          TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     TEXT NOT NULL
);

CREATE TABLE board_brief_charts (
    brief_id INTEGER NOT NULL REFERENCES board_briefs(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    svg      TEXT NOT NULL,
    png      TEXT NOT NULL,
    PRIMARY KEY (brief_id, name)
);

-- Continuity plans and the war organisation are made per förvaltning.
UPDATE requirement_areas SET per_forvaltning = 1 WHERE agreement_id = 1 AND code IN ('K7', 'C3');

-- The criteria of the agreements shipped with Redo [I]: drawn from the deliverables of
-- domain.md §3.3 and split as MSB's gemensamma bedömningskriterier split theirs. Data, not code:
-- administrators and planners edit them per agreement version.
WITH c (agreement_id, code, position, kind, text) AS (VALUES
 (1, 'K1', 1, 'grundlaggande', 'RSA för mandatperioden är fastställd av regionstyrelsen'),
 (1, 'K1', 2, 'grundlaggande', 'RSA är rapporterad enligt MSBFS 2015:4 till Socialstyrelsen, MSB/MCF och länsstyrelsen'),
 (1, 'K1', 3, 'kvalitet', 'Förvaltningarnas kontinuitetsanalyser ligger till grund för RSA'),
 (1, 'K1', 4, 'kvalitet', 'Identifierade brister har åtgärder med ansvarig och tidplan'),
 (1, 'K2', 1, 'grundlaggande', 'Plan för extraordinära händelser är antagen av regionfullmäktige för mandatperioden'),
 (1, 'K2', 2, 'grundlaggande', 'Planen bygger på den senaste risk- och sårbarhetsanalysen'),
 (1, 'K2', 3, 'kvalitet', 'Planen är känd i förvaltningarna och tillgänglig i krisorganisationen'),
 (1, 'K3', 1, 'grundlaggande', 'Reglemente för krisledningsnämnden är antaget för mandatperioden'),
 (1, 'K3', 2, 'grundlaggande', 'Krisledningsnämndens ledamöter har utbildats under mandatperioden'),
 (1, 'K3', 3, 'grundlaggande', 'Krisledningsnämnden har övats under mandatperioden'),
 (1, 'K3', 4, 'kvalitet', 'Ersättare har utbildats och övats'),
 (1, 'K4', 1, 'grundlaggande', 'Flerårig utbildnings- och övningsplan är fastställd för mandatperioden'),
 (1, 'K4', 2, 'grundlaggande', 'Planen omfattar samverkan och ledning samt samhällsviktig verksamhet'),
 (1, 'K4', 3, 'kvalitet', 'Planen följs upp och uppdateras årligen'),
 (1, 'K4', 4, 'kvalitet', 'Genomförda övningar utvärderas och åtgärder följs upp'),
 (1, 'K5', 1, 'grundlaggande', 'Tjänsteman i beredskap finns dygnet runt'),
 (1, 'K5', 2, 'grundlaggande', 'Larmlistor är aktuella och kontrollerade det senaste halvåret'),
 (1, 'K5', 3, 'kvalitet', 'Larm och aktivering har prövats i övning under året'),
 (1, 'K6', 1, 'grundlaggande', 'Rutin för lägesbildsrapportering till länsstyrelse, Socialstyrelsen och MSB/MCF finns'),
 (1, 'K6', 2, 'grundlaggande', 'WIS och Rakel finns och används i krisorganisationen'),
 (1, 'K6', 3, 'kvalitet', 'Rapportering har övats med länsstyrelsen under året'),
 (1, 'K7', 1, 'grundlaggande', 'Samhällsviktig verksamhet och kritiska beroenden är identifierade'),
 (1, 'K7', 2, 'grundlaggande', 'Kontinuitetsplan med acceptabel avbrottstid är fastställd'),
 (1, 'K7', 3, 'kvalitet', 'Kontinuitetsplanen har prövats i övning'),
 (1, 'C1', 1, 'grundlaggande', 'Nyckelpersoner har utbildats om höjd beredskap och totalförsvar'),
 (1, 'C1', 2, 'kvalitet', 'Utbildningsinsatser följs upp per förvaltning'),
 (1, 'C2', 1, 'grundlaggande', 'Säkerhetsskyddsanalys är genomförd och dokumenterad'),
 (1, 'C2', 2, 'grundlaggande', 'Säkerhetsskyddschef och ersättare är utsedda'),
 (1, 'C2', 3, 'kvalitet', 'Säkerhetsskyddsplan följs upp årligen'),
 (1, 'C3', 1, 'grundlaggande', 'Krigsorganisation är fastställd'),
 (1, 'C3', 2, 'grundlaggande', 'Personal är krigsplacerad'),
 (1, 'C3', 3, 'kvalitet', 'Bemanning vid höjd beredskap är säkrad för kritiska funktioner'),
 (1, 'C4', 1, 'grundlaggande', 'Plan för verksamhet under höjd beredskap är fastställd'),
 (1, 'C4', 2, 'kvalitet', 'Planeringen är samordnad med länsstyrelsen och civilområdet'),
 (1, 'C9', 1, 'grundlaggande', 'Ledningsplatser och skyddade utrymmen är inventerade'),
 (1, 'C9', 2, 'kvalitet', 'Reservledningsplats är utrustad och prövad'),
 (1, 'F1', 1, 'grundlaggande', 'Ersättningens användning är redovisad för året'),
 (1, 'F1', 2, 'kvalitet', 'Användningen är kopplad till överenskommelsens kravområden'),
 (2, 'C3', 1, 'grundlaggande', 'Krigsorganisation och bemanning inom hälso- och sjukvården är fastställd'),
 (2, 'C3', 2, 'kvalitet', 'Bemanningsplaner är prövade'),
 (2, 'C5', 1, 'grundlaggande', 'Ledningsstrukturen (RKL, RSSL, LSSL) kan verka dygnet runt'),
 (2, 'C5', 2, 'grundlaggande', 'Planeringssamverkan med länsstyrelsen och Försvarsmakten pågår'),
 (2, 'C5', 3, 'kvalitet', 'Ledning vid höjd beredskap har övats'),
 (2, 'C4', 1, 'grundlaggande', 'Beredskapsplan för hälso- och sjukvården vid kris och höjd beredskap finns'),
 (2, 'C4', 2, 'kvalitet', 'Planen är uppdaterad det senaste året'),
 (2, 'C6', 1, 'grundlaggande', 'Plan för masskadehändelser finns enligt HSL'),
 (2, 'C6', 2, 'grundlaggande', 'Kapacitetsplaner för sjukhusen är fastställda'),
 (2, 'C6', 3, 'kvalitet', 'Masskadeplanen har övats'),
 (2, 'K4', 1, 'grundlaggande', 'Utbildning och övning av hälso- och sjukvårdens personal är genomförd enligt ansökan'),
 (2, 'K4', 2, 'kvalitet', 'Deltagande redovisas per förvaltning'),
 (2, 'C7', 1, 'grundlaggande', 'Lager av läkemedel och sjukvårdsprodukter är dimensionerade'),
 (2, 'C7', 2, 'kvalitet', 'Förberedelser för lagringsskyldigheten från 2027 är gjorda'),
 (2, 'C10', 1, 'grundlaggande', 'Robusthetshöjande åtgärder från RSA är genomförda enligt ansökan'),
 (3, 'C8', 1, 'grundlaggande', 'Åtgärder för reservkraft, vatten och värme är genomförda enligt beslut'),
 (3, 'C8', 2, 'grundlaggande', 'Bidragets användning är återrapporterad till Socialstyrelsen'),
 (3, 'C8', 3, 'kvalitet', 'Reservkraften har provkörts under belastning')
)
INSERT INTO requirement_criteria (requirement_area_id, position, kind, text)
SELECT r.id, c.position, c.kind, c.text
FROM c JOIN requirement_areas r ON r.agreement_id = c.agreement_id AND r.code = c.code
ORDER BY c.agreement_id, c.code, c.position;

-- The national deadlines of the new mandate period and the yearly follow-ups (domain.md §3.6,
-- §9.2). Dates marked [U] there are assumptions a region corrects.
INSERT INTO reporting_deadlines (title, kind, recipient, due_on, owner, status, note, version, updated_at) VALUES
 ('Risk- och sårbarhetsanalys 2027–2030 (MSBFS 2015:4)', 'rsa', 'Socialstyrelsen, Myndigheten för civilt försvar (MCF) och länsstyrelsen', '2027-10-31', '', 'ej_paborjad', 'Senast 31 oktober första året efter det ordinarie valet.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Plan för extraordinära händelser 2027–2030', 'plan', 'Antas av regionfullmäktige; redovisas i uppföljningen till MCF', '2027-12-31', '', 'ej_paborjad', 'Antas varje mandatperiod med hänsyn till risk- och sårbarhetsanalysen.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Utbildnings- och övningsplan 2027–2030', 'utbildning_ovning', 'Fastställs av regionstyrelsen; redovisas i uppföljningen till MCF', '2027-06-30', '', 'ej_paborjad', 'Flerårig plan för mandatperioden, uppdateras årligen.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Reglemente för krisledningsnämnden 2027–2030', 'plan', 'Antas av regionfullmäktige', '2027-06-30', '', 'ej_paborjad', '', 1, '2026-12-01T00:00:00.000000Z'),
 ('Årlig uppföljning av överenskommelsen 2026', 'uppfoljning', 'Myndigheten för civilt försvar (MCF)', '2027-02-15', '', 'ej_paborjad', 'Aktiviteter, ekonomi och indikatorer för 2026. Datum och mall bekräftas av MCF.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Återrapport statsbidrag hälso- och sjukvårdens beredskap 2026 (förordning 2023:489)', 'bidrag', 'Socialstyrelsen', '2027-02-28', '', 'ej_paborjad', 'Ej använda medel återbetalas.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Ansökan statsbidrag hälso- och sjukvårdens beredskap 2027 (förordning 2023:489)', 'bidrag', 'Socialstyrelsen', '2027-03-06', '', 'ej_paborjad', 'Ansökan via Socialstyrelsens e-tjänst av behörigt ombud.', 1, '2026-12-01T00:00:00.000000Z'),
 ('Återrapport statsbidrag driftsäkerhet 2026 (förordning 2023:30)', 'bidrag', 'Socialstyrelsen', '2027-03-31', '', 'ej_paborjad', '', 1, '2026-12-01T00:00:00.000000Z');

WITH l (title, code, agreement_id) AS (VALUES
 ('Risk- och sårbarhetsanalys 2027–2030 (MSBFS 2015:4)', 'K1', 1),
 ('Risk- och sårbarhetsanalys 2027–2030 (MSBFS 2015:4)', 'K7', 1),
 ('Plan för extraordinära händelser 2027–2030', 'K2', 1),
 ('Utbildnings- och övningsplan 2027–2030', 'K4', 1),
 ('Reglemente för krisledningsnämnden 2027–2030', 'K3', 1),
 ('Årlig uppföljning av överenskommelsen 2026', 'F1', 1),
 ('Återrapport statsbidrag hälso- och sjukvårdens beredskap 2026 (förordning 2023:489)', 'C5', 2),
 ('Återrapport statsbidrag hälso- och sjukvårdens beredskap 2026 (förordning 2023:489)', 'C6', 2),
 ('Återrapport statsbidrag driftsäkerhet 2026 (förordning 2023:30)', 'C8', 3)
)
INSERT INTO deadline_requirements (deadline_id, requirement_area_id)
SELECT d.id, r.id
FROM l
JOIN reporting_deadlines d ON d.title = l.title
JOIN requirement_areas r ON r.agreement_id = l.agreement_id AND r.code = l.code;

-- Foundation: reference data, people, cases, consent, eligibility, GP requests,
-- the audit trail and reminders. Written for SQLite and PostgreSQL alike;
-- {{.Serial}} expands to each engine's auto-increment key.
CREATE TABLE regions (
    code INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
--bun:split
CREATE TABLE municipalities (
    code INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    region_code INTEGER NOT NULL REFERENCES regions (code),
    population INTEGER NOT NULL,
    population_75plus INTEGER NOT NULL
);
--bun:split
CREATE TABLE gps (
    id TEXT PRIMARY KEY,
    ydernummer TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    clinic TEXT NOT NULL DEFAULT '',
    municipality_code INTEGER REFERENCES municipalities (code),
    created_at TIMESTAMP NOT NULL
);
--bun:split
CREATE TABLE pharmacies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    period_days INTEGER NOT NULL DEFAULT 14,
    deadline_working_days INTEGER NOT NULL DEFAULT 3,
    lead_time_hours INTEGER NOT NULL DEFAULT 24,
    created_at TIMESTAMP NOT NULL
);
--bun:split
CREATE TABLE citizens (
    id TEXT PRIMARY KEY,
    cpr TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    birth_date DATE NOT NULL,
    sex TEXT NOT NULL,
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    gp_id TEXT REFERENCES gps (id),
    medicine_help BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX citizens_municipality ON citizens (municipality_code);
--bun:split
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id),
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    source TEXT NOT NULL,
    gp_id TEXT REFERENCES gps (id),
    pharmacy_id TEXT REFERENCES pharmacies (id),
    state_reason TEXT NOT NULL DEFAULT '',
    opened_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
--bun:split
CREATE INDEX cases_municipality_state ON cases (municipality_code, state);
--bun:split
CREATE INDEX cases_citizen ON cases (citizen_id);
--bun:split
CREATE UNIQUE INDEX cases_one_open_per_citizen ON cases (citizen_id) WHERE closed_at IS NULL;
--bun:split
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    given_by TEXT NOT NULL,
    giver_name TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL,
    given_at TIMESTAMP NOT NULL,
    recorder_in_daily_care BOOLEAN NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    withdrawn_recorded_by TEXT NOT NULL DEFAULT '',
    withdrawal_note TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX consents_case ON consents (case_id);
--bun:split
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    ruleset_id TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    outcome TEXT NOT NULL,
    facts TEXT NOT NULL,
    results TEXT NOT NULL,
    assessed_by TEXT NOT NULL,
    assessed_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX assessments_case ON assessments (case_id, assessed_at);
--bun:split
CREATE TABLE gp_requests (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    gp_id TEXT NOT NULL REFERENCES gps (id),
    requested_at TIMESTAMP NOT NULL,
    requested_by TEXT NOT NULL,
    decided_at TIMESTAMP,
    decision TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT '',
    prescription_expires TIMESTAMP
);
--bun:split
CREATE INDEX gp_requests_case ON gp_requests (case_id, requested_at);
--bun:split
CREATE TABLE audit_events (
    id {{.Serial}},
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq INTEGER NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    event TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, seq)
);
--bun:split
CREATE TABLE reminders (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, kind, due_at)
);
--bun:split
CREATE INDEX reminders_due ON reminders (due_at) WHERE done_at IS NULL;
--bun:split
CREATE TABLE access_log (
    id {{.Serial}},
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    citizen_id TEXT NOT NULL,
    what TEXT NOT NULL
);
--bun:split
CREATE INDEX access_log_citizen ON access_log (citizen_id, at);

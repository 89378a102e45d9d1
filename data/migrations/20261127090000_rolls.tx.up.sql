-- Roll cycle: pharmacy calendars, GP absences, roll periods, receipt control,
-- medication changes, urgent rolls and hospital notifications.
ALTER TABLE pharmacies ADD COLUMN extra_closing_days TEXT NOT NULL DEFAULT '24-12,31-12,05-06';
--bun:split
CREATE TABLE pharmacy_closed_dates (
    pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
    date DATE NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (pharmacy_id, date)
);
--bun:split
CREATE TABLE gp_absences (
    id TEXT PRIMARY KEY,
    gp_id TEXT NOT NULL REFERENCES gps (id),
    from_date DATE NOT NULL,
    to_date DATE NOT NULL,
    substitute_gp_id TEXT REFERENCES gps (id),
    note TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX gp_absences_gp ON gp_absences (gp_id, from_date);
--bun:split
ALTER TABLE gp_requests ADD COLUMN redirected_from_gp_id TEXT REFERENCES gps (id);
--bun:split
CREATE TABLE roll_periods (
    id {{.Serial}},
    case_id TEXT NOT NULL REFERENCES cases (id),
    pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    seq INTEGER NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    deadline DATE NOT NULL,
    packing_date DATE NOT NULL,
    expected_delivery DATE NOT NULL,
    length_days INTEGER NOT NULL,
    extension_reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    delivered_at TIMESTAMP,
    received_at TIMESTAMP,
    received_by TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, seq)
);
--bun:split
CREATE INDEX roll_periods_pharmacy_packing ON roll_periods (pharmacy_id, packing_date);
--bun:split
CREATE INDEX roll_periods_municipality_start ON roll_periods (municipality_code, start_date);
--bun:split
CREATE TABLE urgent_rolls (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    needed_by TIMESTAMP NOT NULL,
    promised_by TIMESTAMP NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    requested_by TEXT NOT NULL,
    accepted_at TIMESTAMP,
    rejected_at TIMESTAMP,
    reject_reason TEXT NOT NULL DEFAULT '',
    packed_at TIMESTAMP,
    delivered_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    received_at TIMESTAMP,
    note TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX urgent_rolls_pharmacy_status ON urgent_rolls (pharmacy_id, status, needed_by);
--bun:split
CREATE INDEX urgent_rolls_case ON urgent_rolls (case_id);
--bun:split
CREATE TABLE urgent_roll_events (
    id {{.Serial}},
    urgent_roll_id TEXT NOT NULL REFERENCES urgent_rolls (id),
    seq INTEGER NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (urgent_roll_id, seq)
);
--bun:split
CREATE TABLE receipt_deviations (
    id {{.Serial}},
    case_id TEXT NOT NULL REFERENCES cases (id),
    period_id BIGINT REFERENCES roll_periods (id),
    urgent_roll_id TEXT REFERENCES urgent_rolls (id),
    pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX receipt_deviations_pharmacy ON receipt_deviations (pharmacy_id, recorded_at);
--bun:split
CREATE TABLE medication_changes (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    effective_date DATE NOT NULL,
    description TEXT NOT NULL,
    decision TEXT NOT NULL,
    period_id BIGINT REFERENCES roll_periods (id),
    urgent_roll_id TEXT REFERENCES urgent_rolls (id),
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX medication_changes_case ON medication_changes (case_id, effective_date);
--bun:split
CREATE TABLE hospital_notifications (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    hospital TEXT NOT NULL DEFAULT '',
    message_id TEXT UNIQUE,
    source TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

-- MedCom messaging: every MedCom message received or sent (raw, with its
-- ids, status, effect and the case it touched), integration tokens, the
-- municipality's own MedCom identity, and GPs' SOR code and EAN number.
CREATE TABLE medcom_messages (
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    header_id TEXT,
    bundle_id TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,
    activity TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    effect TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    case_id TEXT REFERENCES cases (id),
    municipality_code INTEGER REFERENCES municipalities (code),
    episode_of_care TEXT NOT NULL DEFAULT '',
    refers_to TEXT NOT NULL DEFAULT '',
    event_at TIMESTAMP,
    sent_at TIMESTAMP,
    received_at TIMESTAMP NOT NULL,
    ack_code TEXT NOT NULL DEFAULT '',
    ack_header_id TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    raw {{if .PG}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    ack_raw {{if .PG}}BYTEA{{else}}BLOB{{end}}
);
--bun:split
CREATE UNIQUE INDEX medcom_messages_header ON medcom_messages (direction, header_id);
--bun:split
CREATE INDEX medcom_messages_case ON medcom_messages (case_id, received_at);
--bun:split
CREATE INDEX medcom_messages_received ON medcom_messages (received_at);
--bun:split
CREATE TABLE medcom_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    municipality_code INTEGER NOT NULL REFERENCES municipalities (code),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);
--bun:split
CREATE TABLE medcom_senders (
    municipality_code INTEGER PRIMARY KEY REFERENCES municipalities (code),
    sor TEXT NOT NULL,
    ean TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL
);
--bun:split
ALTER TABLE gps ADD COLUMN sor TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE gps ADD COLUMN ean TEXT NOT NULL DEFAULT '';

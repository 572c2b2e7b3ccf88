-- PostgreSQL twin of migrations/sqlite/0001_init.sql: same tables, columns
-- and meaning. Times stay RFC 3339 text, as in SQLite, so both backends
-- hash (digest.go) and sort the same way.

-- Runs: one per sweep (per shard). finished_at stays NULL until the sweep ends.
CREATE TABLE runs (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label           TEXT   NOT NULL DEFAULT '',
    started_at      TEXT   NOT NULL,
    finished_at     TEXT,
    status          TEXT   NOT NULL DEFAULT 'running', -- running | finished | interrupted
    program_version TEXT   NOT NULL
);

-- Snapshots: one per device and run, written in one transaction with its outputs.
CREATE TABLE snapshots (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          BIGINT  NOT NULL REFERENCES runs(id),
    device          TEXT    NOT NULL,
    parent          BIGINT  REFERENCES snapshots(id),
    label           TEXT    NOT NULL DEFAULT '',
    taken_at        TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NOT NULL,
    program_version TEXT    NOT NULL,
    schema          INTEGER NOT NULL,
    status          TEXT    NOT NULL, -- ok | error
    error           TEXT    NOT NULL DEFAULT '',
    host_key        TEXT    NOT NULL DEFAULT '',
    facts           BYTEA   NOT NULL, -- JSON facts.Facts
    findings        BYTEA   NOT NULL, -- JSON []audit.Finding
    digest          TEXT    NOT NULL, -- sha256 over the snapshot's content (see digest.go)
    chain           TEXT    NOT NULL  -- sha256(parent chain, digest)
);
CREATE INDEX snapshots_device ON snapshots(device, id);
CREATE INDEX snapshots_label ON snapshots(label, device, id);
CREATE INDEX snapshots_run ON snapshots(run_id);

-- Raw outputs, gzip-compressed, one row per command (or SNMP varbind dump).
CREATE TABLE outputs (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots(id),
    command     TEXT   NOT NULL,
    body        BYTEA  NOT NULL,
    sha256      TEXT   NOT NULL, -- of the uncompressed body
    PRIMARY KEY (snapshot_id, command)
);

-- Runs: one per sweep. finished_at stays NULL until the sweep ends.
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    label           TEXT    NOT NULL DEFAULT '',
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    status          TEXT    NOT NULL DEFAULT 'running', -- running | finished | interrupted
    program_version TEXT    NOT NULL
);

-- Snapshots: one per device and run, written in one transaction with its outputs.
CREATE TABLE snapshots (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES runs(id),
    device          TEXT    NOT NULL,
    parent          INTEGER REFERENCES snapshots(id),
    label           TEXT    NOT NULL DEFAULT '',
    taken_at        TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NOT NULL,
    program_version TEXT    NOT NULL,
    schema          INTEGER NOT NULL,
    status          TEXT    NOT NULL, -- ok | error
    error           TEXT    NOT NULL DEFAULT '',
    host_key        TEXT    NOT NULL DEFAULT '',
    facts           BLOB    NOT NULL, -- JSON facts.Facts
    findings        BLOB    NOT NULL, -- JSON []audit.Finding
    digest          TEXT    NOT NULL, -- sha256 over the snapshot's content (see digest.go)
    chain           TEXT    NOT NULL  -- sha256(parent chain, digest)
);
CREATE INDEX snapshots_device ON snapshots(device, id);
CREATE INDEX snapshots_label ON snapshots(label, device, id);

-- Raw outputs, gzip-compressed, one row per command (or SNMP varbind dump).
CREATE TABLE outputs (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    command     TEXT    NOT NULL,
    body        BLOB    NOT NULL,
    sha256      TEXT    NOT NULL, -- of the uncompressed body
    PRIMARY KEY (snapshot_id, command)
);

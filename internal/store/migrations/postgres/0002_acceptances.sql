-- PostgreSQL twin of migrations/sqlite/0002_acceptances.sql.
-- Acceptances (fwaudit accept): a person's decision that a device's open
-- findings of one rule are known. Each is a link of the device's hash
-- chain, after the snapshot it was made on (snapshot_id): its chain is
-- sha256(previous link, digest), and the device's next snapshot chains to
-- it (acceptance.go). Nothing is ever deleted: an expired acceptance stays.
CREATE TABLE acceptances (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device      TEXT    NOT NULL,
    snapshot_id BIGINT  NOT NULL REFERENCES snapshots(id),
    rule        TEXT    NOT NULL,
    keys        BYTEA   NOT NULL, -- JSON []string: audit.Key of each finding accepted
    accepted_by TEXT    NOT NULL,
    accepted_at TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    until       TEXT    NOT NULL DEFAULT '', -- '' for good
    ticket      TEXT    NOT NULL DEFAULT '',
    digest      TEXT    NOT NULL,
    chain       TEXT    NOT NULL
);
CREATE INDEX acceptances_device ON acceptances(device, id);
CREATE INDEX acceptances_snapshot ON acceptances(snapshot_id, id);

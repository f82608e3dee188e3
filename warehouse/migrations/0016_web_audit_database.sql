-- What the web app writes moves to a database of its own, {audit_database} (= <database>_audit),
-- the only database the web's writer user may use (docs/access.md "The web app's ClickHouse users"):
-- the audit of the officer's detail views (0013) and alert acknowledgements (0014). No credential the
-- web holds can then write to or drop a warehouse table. Existing rows are copied over (each once:
-- the copy skips rows already there), then the old tables are dropped; every statement may run again
-- after a run killed half-way (the old table is re-created empty, so the copy finds nothing).
-- Cube reads acknowledgements through the view alert_acks left in their place (its user may read
-- {audit_database}); the minister's audit page reads audit_detail_views as the web's writer.
CREATE DATABASE IF NOT EXISTS {audit_database};

CREATE TABLE IF NOT EXISTS {audit_database}.audit_detail_views
(
    view_id String COMMENT 'unique per view: random',
    viewed_at DateTime COMMENT 'when the view was asked for (UTC), before its data was read',
    username String COMMENT 'who looked (the log-in name)',
    role String COMMENT 'their role (officer)',
    province_code String COMMENT 'the province their view is limited to, Kemendagri code',
    subject String COMMENT 'line | candidate',
    subject_id String COMMENT 'the job-order line id or the pseudonymous candidate id asked for, as asked (at most 64 characters)',
    found UInt8 COMMENT '1 = the data was shown, 0 = no such open line or no such candidate in the province'
)
ENGINE = MergeTree()
ORDER BY viewed_at;

CREATE TABLE IF NOT EXISTS {audit_database}.alert_acks
(
    alert_id String,
    acknowledged_by String COMMENT 'user name of the minister or director',
    role String,
    acknowledged_at DateTime COMMENT 'UTC',
    acknowledged_ms UInt64
)
ENGINE = MergeTree()
ORDER BY (alert_id, acknowledged_ms);

CREATE TABLE IF NOT EXISTS audit_detail_views
(
    view_id String,
    viewed_at DateTime,
    username String,
    role String,
    province_code String,
    subject String,
    subject_id String,
    found UInt8
)
ENGINE = MergeTree()
ORDER BY viewed_at;

INSERT INTO {audit_database}.audit_detail_views (view_id, viewed_at, username, role, province_code, subject, subject_id, found)
SELECT view_id, viewed_at, username, role, province_code, subject, subject_id, found
FROM audit_detail_views
WHERE view_id NOT IN (SELECT view_id FROM {audit_database}.audit_detail_views);

DROP TABLE IF EXISTS audit_detail_views;

CREATE TABLE IF NOT EXISTS alert_acks
(
    alert_id String,
    acknowledged_by String,
    role String,
    acknowledged_at DateTime,
    acknowledged_ms UInt64
)
ENGINE = MergeTree()
ORDER BY (alert_id, acknowledged_ms);

INSERT INTO {audit_database}.alert_acks (alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms)
SELECT alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms
FROM alert_acks
WHERE (alert_id, acknowledged_by, acknowledged_ms) NOT IN (SELECT alert_id, acknowledged_by, acknowledged_ms FROM {audit_database}.alert_acks);

DROP TABLE IF EXISTS alert_acks;

CREATE VIEW IF NOT EXISTS alert_acks AS SELECT alert_id, acknowledged_by, role, acknowledged_at, acknowledged_ms FROM {audit_database}.alert_acks;

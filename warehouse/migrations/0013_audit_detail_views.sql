-- The audit of the officer's detail views (issue #15, docs/access.md "Officers"): one row per look
-- at a job-order line's candidates or at one candidate's lines, written by the web app before it
-- reads the data (no row, no data). Read by the minister's audit page (web, server-side; no cube).
-- Names the pseudonymous candidate id looked at, never a name or national id.
CREATE TABLE IF NOT EXISTS audit_detail_views
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

-- The last known AD state of managed groups and of the users they resolve to, so a cycle reads from AD
-- only what changed since its uSNChanged watermark (kept in setting). One row per managed group: the
-- group as JSON (json, or json_large beyond H2's VARCHAR limit), and one row per resolved user SID.
CREATE TABLE ad_group (
    object_guid UUID PRIMARY KEY,
    json        VARCHAR(1000000),
    json_large  CLOB
);
CREATE TABLE ad_user (
    sid VARCHAR(200) PRIMARY KEY,
    dn  VARCHAR(4096) NOT NULL
);
-- A create refused because an object we do not manage holds the DN: not retried until that object (or
-- the group's DN) changes.
CREATE TABLE collision (
    cloud_id     VARCHAR(64) PRIMARY KEY,
    dn           VARCHAR(4096) NOT NULL,
    blocker_guid UUID,
    message      VARCHAR(4096)
);

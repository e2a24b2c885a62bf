-- Initial schema of the state store. One statement per ';' (the runner splits on it).
CREATE TABLE anchor (
    cloud_id      VARCHAR(64) PRIMARY KEY,
    object_guid   UUID NOT NULL,
    origin        VARCHAR(16) NOT NULL,
    last_known_dn VARCHAR(4096),
    since         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX anchor_guid ON anchor(object_guid);
-- The group's JSON goes into json, or into json_large when longer than H2's VARCHAR limit (groups with
-- tens of thousands of members); VARCHAR rows are several times faster to write and read than CLOBs.
CREATE TABLE cloud_group (
    id         VARCHAR(64) PRIMARY KEY,
    json       VARCHAR(1000000),
    json_large CLOB
);
CREATE TABLE cloud_user (
    id           VARCHAR(64) PRIMARY KEY,
    sid          VARCHAR(200),
    sync_enabled BOOLEAN
);
CREATE TABLE delta_link (
    name VARCHAR(64) PRIMARY KEY,
    link VARCHAR(16384) NOT NULL
);
CREATE TABLE setting (
    name VARCHAR(128) PRIMARY KEY,
    val  VARCHAR(16384)
);
CREATE TABLE run (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    policy         VARCHAR(16) NOT NULL,
    dry_run        BOOLEAN NOT NULL,
    started        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended          TIMESTAMP WITH TIME ZONE,
    status         VARCHAR(40) NOT NULL,
    json           CLOB
);
CREATE TABLE applied_change (
    run_id     BIGINT NOT NULL,
    seq        INT NOT NULL,
    kind       VARCHAR(32) NOT NULL,
    cloud_id   VARCHAR(64) NOT NULL,
    dn         VARCHAR(4096),
    status     VARCHAR(16) NOT NULL,
    error_code VARCHAR(64),
    message    VARCHAR(4096),
    recorded   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX applied_change_open ON applied_change(cloud_id, status);

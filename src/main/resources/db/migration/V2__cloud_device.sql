-- Devices seen by import: hybrid-joined computers carry their on-premises SID (members resolved by it).
CREATE TABLE cloud_device (
    id           VARCHAR(64) PRIMARY KEY,
    sid          VARCHAR(200),
    sync_enabled BOOLEAN
);

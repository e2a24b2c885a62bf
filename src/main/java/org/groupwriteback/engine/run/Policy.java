package org.groupwriteback.engine.run;

/** The kind of cycle, as in {@code Start-ADSyncSyncCycle -PolicyType}: a delta import, or a full one. */
public enum Policy {
    /** Import what changed since the last delta link (full when there is none or the configuration changed). */
    DELTA,
    /** Full import and full synchronization. */
    INITIAL
}

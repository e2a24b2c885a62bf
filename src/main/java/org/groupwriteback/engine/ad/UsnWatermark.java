package org.groupwriteback.engine.ad;

import java.util.Objects;

/**
 * Where a domain controller's change tracking stands: its {@code invocationId} (from the NTDS Settings object
 * rootDSE {@code dsServiceName} names) and rootDSE {@code highestCommittedUSN}. USNs only compare within one
 * invocationId: another DC, or a restored one, needs a full read.
 */
public record UsnWatermark(String invocationId, long usn) {
    public UsnWatermark {
        Objects.requireNonNull(invocationId, "invocationId");
    }

    /** True when changes since {@code earlier} can be read by USN: same DC database and no rollback. */
    public boolean continues(UsnWatermark earlier) {
        return earlier != null && earlier.invocationId.equals(invocationId) && earlier.usn <= usn;
    }
}

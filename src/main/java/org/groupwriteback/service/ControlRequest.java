package org.groupwriteback.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupwriteback.engine.run.Policy;

/**
 * One request to a running service: one JSON object per line, {@code "op"} naming the operation
 * ({@code src/docs/control-channel.md} lists them with examples).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlRequest.Status.class, name = "status"),
    @JsonSubTypes.Type(value = ControlRequest.Sync.class, name = "sync"),
    @JsonSubTypes.Type(value = ControlRequest.Scheduler.class, name = "scheduler"),
    @JsonSubTypes.Type(value = ControlRequest.Configure.class, name = "configure"),
    @JsonSubTypes.Type(value = ControlRequest.Runs.class, name = "runs"),
    @JsonSubTypes.Type(value = ControlRequest.ManagedGroups.class, name = "managedGroups"),
    @JsonSubTypes.Type(value = ControlRequest.Writeback.class, name = "writeback"),
    @JsonSubTypes.Type(value = ControlRequest.VerifyPermissions.class, name = "verifyPermissions")})
public sealed interface ControlRequest {

    /** The service's state, scheduler and last/next run. */
    record Status() implements ControlRequest {
    }

    /** Run one cycle now; the service streams progress lines and answers with the run record. */
    record Sync(Policy policy, boolean dryRun, int allowDeletes, boolean adopt, Long approveDeletesOf)
            implements ControlRequest {

        /** A cycle request that approves no particular set of deletes. */
        public Sync(Policy policy, boolean dryRun, int allowDeletes, boolean adopt) {
            this(policy, dryRun, allowDeletes, adopt, null);
        }
    }

    /**
     * Change the scheduler: each field is optional. {@code enabled} and {@code intervalMinutes} are written
     * to the configuration; {@code suspendSeconds} suspends it for a lease (renew by sending it again);
     * {@code resume} ends a suspension.
     */
    record Scheduler(Boolean enabled, Integer intervalMinutes, Integer suspendSeconds, boolean resume)
            implements ControlRequest {
    }

    /**
     * Replace the configuration: validated by the service, then written atomically. {@code releaseManagedGroups}
     * drops every anchor (writeback switched off, groups kept in AD); {@code fullImportReason}, when set, makes
     * the next cycle a full import.
     */
    record Configure(JsonNode configuration, boolean releaseManagedGroups, String fullImportReason)
            implements ControlRequest {
    }

    /** The last {@code last} run records, newest first. */
    record Runs(int last) implements ControlRequest {
    }

    /** The groups the engine manages in AD (the wizard's deletion warning and move preview). */
    record ManagedGroups() implements ControlRequest {
    }

    /**
     * {@code gwb writeback list|set} run by the service (it holds the state store and reads the secrets);
     * answered with a {@link ControlResponse.Report} holding the command's output and exit code.
     */
    record Writeback(String action, String groupId, Boolean enabled, String type, boolean json)
            implements ControlRequest {
    }

    /**
     * {@code gwb permissions verify} run by the service, as its account sees the directory; answered with a
     * {@link ControlResponse.Report}.
     */
    record VerifyPermissions(String ou, String account, boolean domain, boolean probe) implements ControlRequest {
    }
}

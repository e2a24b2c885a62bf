package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.state.StateStore;

/**
 * An admin's approval of exactly the deletes a run stopped at the deletion threshold
 * ({@code gwb sync --approve-deletes RUN}): it holds only while the cycle plans the very same deletes (same
 * cloud groups, same DNs). Once applied they are no longer planned, so an approval is used once.
 */
final class DeleteApproval {
    private DeleteApproval() {
    }

    /**
     * Why the approval of run {@code runId} does not cover the {@code planned} deletes, or empty when it covers
     * exactly them.
     */
    static Optional<String> check(StateStore store, long runId, List<PendingDelete> planned) {
        Optional<RunRecord> approved = store.runJson(runId).map(RunJson::read);
        if (approved.isEmpty()) {
            return Optional.of("Run " + runId + " is not a finished run of this data directory; nothing was applied. "
                    + "Give the id of a run that stopped at the deletion threshold (gwb runs).");
        }
        RunRecord run = approved.get();
        if (run.status() != RunStatus.DELETION_THRESHOLD_EXCEEDED || run.pendingDeleteList().isEmpty()) {
            return Optional.of("Run " + runId + " did not stop at the deletion threshold, so it has no deletes to "
                    + "approve; nothing was applied.");
        }
        Set<Key> want = keys(run.pendingDeleteList());
        Set<Key> now = keys(planned);
        if (want.equals(now)) {
            return Optional.empty();
        }
        Set<Key> added = new LinkedHashSet<>(now);
        added.removeAll(want);
        Set<Key> gone = new LinkedHashSet<>(want);
        gone.removeAll(now);
        return Optional.of("The deletes planned now are not the " + want.size() + " approved in run " + runId
                + " (" + added.size() + " new, " + gone.size() + " no longer planned); nothing was applied. "
                + "Review the deletes this run lists and approve them with --approve-deletes and this run's id.");
    }

    private static Set<Key> keys(List<PendingDelete> deletes) {
        Set<Key> out = new LinkedHashSet<>();
        for (PendingDelete d : deletes) {
            out.add(new Key(d.cloudId(), dn(d.dn())));
        }
        return out;
    }

    /** The DN compared as LDAP compares it; text that is no DN is compared as it is. */
    private static Object dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            return text;
        }
    }

    private record Key(String cloudId, Object dn) {
    }
}

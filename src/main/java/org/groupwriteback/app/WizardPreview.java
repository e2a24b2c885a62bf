package org.groupwriteback.app;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.function.Supplier;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ManagedGroup;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.wizard.PlanPreview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a configuration would do before it is saved: the plan of a preview cycle as table rows, and how many
 * managed groups a change of target OU moves.
 */
final class WizardPreview {
    private static final Logger LOG = LoggerFactory.getLogger(WizardPreview.class);

    private final Supplier<Engine> engine;

    WizardPreview(Supplier<Engine> engine) {
        this.engine = engine;
    }

    /**
     * The rows of the plan a cycle with {@code c} would apply (nothing is changed); {@code directoryPassword}, when
     * not null, is bound with instead of the configured password file (a preview before the first save).
     */
    PlanPreview preview(SyncConfiguration c, Secret directoryPassword) throws PreviewException, CycleBusyException {
        Engine e = engine.get();
        RunRecord r = e.preview(c, "wizard preview", directoryPassword);
        if (r.status() == RunStatus.FAILED) {
            throw new PreviewException(r.message());
        }
        return PreviewRows.of(r, e.store().loadSnapshot().groups());
    }

    /** Lists the managed groups (from the engine here or the running service). */
    @FunctionalInterface
    interface ManagedGroups {
        List<ManagedGroup> list() throws DirectoryException;
    }

    /**
     * How many managed groups sit directly in {@code fromOu} and so move to {@code toOu}; {@code managed} is only
     * asked when the OUs differ.
     */
    static int moves(String fromOu, String toOu, ManagedGroups managed) throws DirectoryException {
        DN from = WizardPermissions.dn(fromOu);
        DN to = WizardPermissions.dn(toOu);
        if (from.equals(to)) {
            return 0;
        }
        int n = 0;
        for (ManagedGroup g : managed.list()) {
            try {
                if (g.dn() != null && from.equals(new DN(g.dn()).getParent())) {
                    n++;
                }
            } catch (LDAPException e) {
                LOG.debug("managed group {} has an unreadable DN {}", g.cloudId(), g.dn());
            }
        }
        return n;
    }

    /** A preview cycle that failed; the message is the cycle's. */
    static final class PreviewException extends Exception {
        private static final long serialVersionUID = 1L;

        PreviewException(String message) {
            super(message);
        }
    }
}

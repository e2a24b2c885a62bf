package org.groupwriteback.engine.rules;

import java.util.Objects;

/**
 * Whether one cloud group is written back to AD, and why (for run reports, the dry-run plan and the
 * wizard). Produced by {@link WritebackRules#eligibility}.
 */
public record Eligibility(boolean eligible, Reason reason) {

    /** Why a group is or is not written back. */
    public enum Reason {
        /** Microsoft 365 group with {@code writebackConfiguration.isEnabled = true}. */
        UNIFIED_ENABLED(true, "Microsoft 365 group with writeback enabled"),
        /** Microsoft 365 group with {@code isEnabled} unset: Connect's default writes it back. */
        UNIFIED_NOT_SET(true, "Microsoft 365 group with writeback not set (written back by default)"),
        /** Cloud security group with {@code isEnabled = true}. */
        SECURITY_ENABLED(true, "security group with writeback enabled"),
        /**
         * Writeback switched off for this group: {@code isEnabled = false} (Entra stamps it on Microsoft 365
         * groups created while the tenant default is off), or a security group with {@code isEnabled}
         * unset (for security groups unset means no).
         */
        WRITEBACK_DISABLED(false, "writeback is not enabled for the group"),
        /** Soft-deleted (restorable) in Entra ID: its AD group is kept until the permanent delete. */
        SOFT_DELETED(false, "soft-deleted in Entra ID (kept in AD until permanently deleted)"),
        /**
         * Synced from AD, then its source of authority was converted to the cloud
         * ({@code onPremisesSyncBehavior.isCloudManaged}): its original AD group is adopted and updated in place.
         */
        CLOUD_MANAGED(true, "source of authority converted to the cloud (its AD group is updated in place)"),
        /** Synced from on-premises AD: it already lives there. */
        SYNCED_FROM_ON_PREMISES(false, "synced from on-premises AD"),
        /** Mail-enabled security group or distribution list made in Exchange Online. */
        MAIL_ENABLED_NOT_UNIFIED(false, "mail-enabled security group or distribution list (not supported)"),
        /** Neither a Microsoft 365 group nor a security group (e.g. securityEnabled and mailEnabled both false). */
        UNSUPPORTED_KIND(false, "neither a Microsoft 365 group nor a security group");

        private final boolean eligible;
        private final String description;

        Reason(boolean eligible, String description) {
            this.eligible = eligible;
            this.description = description;
        }

        /** True when a group with this reason is written back. */
        public boolean eligible() {
            return eligible;
        }

        /** Plain-words explanation, e.g. for the wizard's group list. */
        public String description() {
            return description;
        }
    }

    public Eligibility {
        Objects.requireNonNull(reason, "reason");
        if (eligible != reason.eligible()) {
            throw new IllegalArgumentException("eligible=" + eligible + " contradicts reason " + reason);
        }
    }

    /** The eligibility that goes with {@code reason}. */
    public static Eligibility of(Reason reason) {
        return new Eligibility(reason.eligible(), reason);
    }
}

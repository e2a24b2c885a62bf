package org.groupwriteback.engine.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The whole sync configuration, as the wizard writes it and {@code gwb configure --from} reads it
 * (the JSON shape of {@code cli.md}). Immutable; secrets are referenced, never held inline.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SyncConfiguration(
        Cloud cloud,
        Directory directory,
        OuFilter ouFilter,
        GroupWriteback groupWriteback,
        Integer deletionThreshold,
        Scheduler scheduler) {

    /** Default export deletion threshold, as in Entra Connect. */
    public static final int DEFAULT_DELETION_THRESHOLD = 500;
    /** Default member limit of a written-back group. */
    public static final int DEFAULT_MEMBER_LIMIT = 50_000;
    /** Highest member limit that can be configured (Connect's rule disabled). */
    public static final int MAX_MEMBER_LIMIT = 250_000;

    /** True when group writeback is switched on as a whole; an absent section or value means off. */
    @JsonIgnore
    public boolean writebackEnabled() {
        return groupWriteback != null && groupWriteback.switchedOn();
    }

    /** Where the cloud is and how the engine signs in to it. */
    public record Cloud(String authority, String graphBaseUrl, String clientId, Credential credential,
            String caCertificate) {
    }

    /**
     * How the engine service authenticates to Entra ID: a client secret in a file, or a certificate
     * (PKCS#12 file plus a file holding its password). Exactly one of the two is set.
     */
    public record Credential(String secretFile, String certificateFile, String certificatePasswordFile) {
    }

    /** The on-premises directory and the account the engine binds with. */
    public record Directory(String ldapUrl, String bindDn, String passwordFile, String caCertificate,
            String baseDn) {
    }

    /** The Domain and OU filtering page: subtrees included, and subtrees excluded inside them. */
    public record OuFilter(List<String> included, List<String> excluded) {
        public OuFilter {
            included = included == null ? List.of() : List.copyOf(included);
            excluded = excluded == null ? List.of() : List.copyOf(excluded);
        }
    }

    /** Group writeback settings (Optional features + Group writeback pages). */
    public record GroupWriteback(Boolean enabled, String targetOu, Boolean dnWithDisplayName, Integer memberLimit,
            Boolean deleteWhenWritebackDisabled) {
        /** True when {@code enabled} is set and true (absent means off). */
        @JsonIgnore
        public boolean switchedOn() {
            return Boolean.TRUE.equals(enabled);
        }
    }

    /** The built-in scheduler (Get-/Set-ADSyncScheduler). */
    public record Scheduler(Boolean enabled, Integer intervalMinutes) {
    }
}

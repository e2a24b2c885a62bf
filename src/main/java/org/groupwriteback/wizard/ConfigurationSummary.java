package org.groupwriteback.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * Turns a configuration into labelled lines (View current configuration) and two configurations into the
 * list of what changes (Ready to configure).
 */
public final class ConfigurationSummary {
    /** One labelled setting; {@code before} is null when there is nothing to compare with. */
    public record Row(String label, String before, String after) {
        /** True when the setting changes. */
        public boolean changed() {
            return !Objects.equals(before, after);
        }
    }

    private final Messages messages;

    public ConfigurationSummary(Messages messages) {
        this.messages = messages;
    }

    /** Every setting of {@code c} as label and value. */
    public List<Row> rows(SyncConfiguration c) {
        return compare(c, c);
    }

    /** Every setting with its value before (null on a first run) and after. */
    public List<Row> compare(SyncConfiguration before, SyncConfiguration after) {
        List<Row> rows = new ArrayList<>();
        add(rows, "summary.authority", before, after, c -> c.cloud() == null ? null : c.cloud().authority());
        add(rows, "summary.clientId", before, after, c -> c.cloud() == null ? null : c.cloud().clientId());
        add(rows, "summary.credential", before, after, this::credential);
        add(rows, "summary.ldapUrl", before, after, c -> c.directory() == null ? null : c.directory().ldapUrl());
        add(rows, "summary.bindDn", before, after, c -> c.directory() == null ? null : c.directory().bindDn());
        add(rows, "summary.directoryCa", before, after,
                c -> c.directory() == null ? null : c.directory().caCertificate());
        add(rows, "summary.included", before, after, c -> c.ouFilter() == null ? null : join(c.ouFilter().included()));
        add(rows, "summary.excluded", before, after, c -> c.ouFilter() == null ? null : join(c.ouFilter().excluded()));
        add(rows, "summary.writeback", before, after, c -> c.groupWriteback() == null ? null
                : messages.get(c.writebackEnabled() ? "summary.on" : "summary.off"));
        add(rows, "summary.targetOu", before, after,
                c -> c.groupWriteback() == null ? null : c.groupWriteback().targetOu());
        add(rows, "summary.naming", before, after, c -> c.groupWriteback() == null ? null
                : messages.get(Boolean.TRUE.equals(c.groupWriteback().dnWithDisplayName())
                        ? "summary.naming.displayName" : "summary.naming.objectId"));
        add(rows, "summary.memberLimit", before, after, c -> c.groupWriteback() == null
                || c.groupWriteback().memberLimit() == null ? null : String.format("%,d", c.groupWriteback().memberLimit()));
        add(rows, "summary.staging", before, after,
                c -> messages.get(c.staging() ? "summary.staging.on" : "summary.off"));
        add(rows, "summary.deletionThreshold", before, after,
                c -> c.deletionThreshold() == null ? null : String.format("%,d", c.deletionThreshold()));
        add(rows, "summary.scheduler", before, after, c -> c.scheduler() == null ? null
                : messages.get(Boolean.TRUE.equals(c.scheduler().enabled()) ? "summary.scheduler.on" : "summary.off",
                        c.scheduler().intervalMinutes()));
        return rows;
    }

    private String credential(SyncConfiguration c) {
        SyncConfiguration.Credential k = c.cloud() == null ? null : c.cloud().credential();
        if (k == null) {
            return null;
        }
        return k.certificateFile() != null
                ? messages.get("summary.credential.certificate", k.certificateFile(), k.certificatePasswordFile())
                : k.secretFile() == null ? null : messages.get("summary.credential.secret", k.secretFile());
    }

    private void add(List<Row> rows, String key, SyncConfiguration before, SyncConfiguration after,
            java.util.function.Function<SyncConfiguration, String> value) {
        rows.add(new Row(messages.get(key), before == null ? null : value.apply(before), value.apply(after)));
    }

    private static String join(List<String> dns) {
        return dns.isEmpty() ? "-" : String.join("; ", dns);
    }
}

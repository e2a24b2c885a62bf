package org.groupwriteback.wizard.settings;

import java.util.List;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.WritebackRules;

/**
 * One cloud group on the Group writeback settings page: its kind, member count, writeback setting
 * ({@code isEnabled} null = the kind's default), whether and where it is written back now, and the last export
 * error of the group (null = none).
 */
public record GroupRow(String id, String name, Kind kind, int members, WritebackConfiguration writeback,
        boolean writtenBack, String dn, String lastError) {

    /** The kinds of cloud group the page distinguishes. */
    public enum Kind {
        MICROSOFT_365, SECURITY, OTHER;

        /** The target types a group of this kind may get (behaviour.md); none for other kinds. */
        public List<GroupType> allowedTypes() {
            return this == OTHER ? List.of() : WritebackRules.allowedTypes(this == MICROSOFT_365);
        }
    }

    public GroupRow {
        writeback = writeback == null ? WritebackConfiguration.UNSET : writeback;
    }

    /** Whether writeback is switched on for the group by its setting, or by the kind's default when unset. */
    public boolean enabledBySetting() {
        Boolean e = writeback.isEnabled();
        return e != null ? e : kind == Kind.MICROSOFT_365;
    }

    /** The type the group is written back as: its setting, or the kind's default. */
    public GroupType effectiveType() {
        String t = writeback.onPremisesGroupType();
        return GroupType.fromGraphName(t == null ? "" : t)
                .orElse(kind == Kind.MICROSOFT_365 ? GroupType.UNIVERSAL_DISTRIBUTION : GroupType.UNIVERSAL_SECURITY);
    }

    /** The row after Graph accepted {@code configuration}. */
    public GroupRow with(WritebackConfiguration configuration) {
        return new GroupRow(id, name, kind, members, configuration, writtenBack, dn, lastError);
    }
}

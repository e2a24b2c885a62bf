package org.groupwriteback.engine.rules;

import java.util.Optional;
import org.groupwriteback.engine.ad.GroupType;

/**
 * The AD group type a cloud group is written back as, or, when its {@code onPremisesGroupType} is not
 * allowed for its kind, the problem to report (the group is then not exported).
 */
public record TargetType(GroupType type, String problem) {

    public TargetType {
        if ((type == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of type and problem must be set");
        }
    }

    static TargetType ok(GroupType type) {
        return new TargetType(type, null);
    }

    static TargetType invalid(String problem) {
        return new TargetType(null, problem);
    }

    /** The type, when allowed. */
    public Optional<GroupType> allowed() {
        return Optional.ofNullable(type);
    }
}

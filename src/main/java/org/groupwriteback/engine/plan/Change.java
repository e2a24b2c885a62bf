package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;

/**
 * One change to AD that a {@link Plan} asks for. Every change names the cloud group it serves (the
 * source anchor) and, except for creates, the managed AD object by objectGUID and current DN.
 * Member changes name the group by cloud id because a group created in the same plan has no GUID yet.
 */
public sealed interface Change {

    /** The cloud object id of the group this change is for. */
    String cloudId();

    /** Short kind name used in run records and the printed plan, e.g. {@code create}. */
    String kind();

    /** Create a group that does not exist in AD yet. */
    record Create(String cloudId, NewGroup group) implements Change {
        @Override
        public String kind() {
            return "create";
        }
    }

    /**
     * Set managed attributes back to what the cloud says. {@code values} maps an attribute to its
     * desired values (empty list = remove); {@code previous} holds what AD had, for the report.
     */
    record Update(String cloudId, ObjectGuid guid, DN dn, Map<String, List<String>> values,
            Map<String, List<String>> previous) implements Change {
        @Override
        public String kind() {
            return "update";
        }
    }

    /** Rename (display name changed) and/or move (target OU changed) with modify DN, same objectGUID. */
    record Move(String cloudId, ObjectGuid guid, DN from, DN to, boolean rename, boolean move) implements Change {
        @Override
        public String kind() {
            return rename && !move ? "rename" : "move";
        }
    }

    /** Add members (value adds, batched by the directory). {@code group} is the DN the group has after earlier changes. */
    record AddMembers(String cloudId, DN group, List<DN> members) implements Change {
        @Override
        public String kind() {
            return "addMembers";
        }
    }

    /** Remove members (value deletes, batched by the directory). */
    record RemoveMembers(String cloudId, DN group, List<DN> members) implements Change {
        @Override
        public String kind() {
            return "removeMembers";
        }
    }

    /** Delete a managed group; {@code reason} says why (permanently deleted in the cloud, writeback disabled, ...). */
    record Delete(String cloudId, ObjectGuid guid, DN dn, String reason) implements Change {
        @Override
        public String kind() {
            return "delete";
        }
    }
}

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
 * Read a change through {@link #accept(Visitor)}: a new kind then fails to compile where it is not handled.
 */
public sealed interface Change {

    /** The cloud object id of the group this change is for. */
    String cloudId();

    /** The kind, whose wire name is used in run records and the printed plan. */
    ChangeKind kind();

    /** The DN the change is about as it is before the change (the new group's DN for a create). */
    DN dn();

    /** How many LDAP values the change writes as counted in run records: members for member changes, else 1. */
    default int valueCount() {
        return 1;
    }

    /** Calls the visitor's method for this kind. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /** One method per kind of change; {@code X} is what the visitor may throw (e.g. a directory failure). */
    interface Visitor<R, X extends Exception> {
        R create(Create c) throws X;

        R update(Update c) throws X;

        R move(Move c) throws X;

        R addMembers(AddMembers c) throws X;

        R removeMembers(RemoveMembers c) throws X;

        R delete(Delete c) throws X;
    }

    /** Create a group that does not exist in AD yet. */
    record Create(String cloudId, NewGroup group) implements Change {
        @Override
        public ChangeKind kind() {
            return ChangeKind.CREATE;
        }

        @Override
        public DN dn() {
            return group.dn();
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.create(this);
        }
    }

    /**
     * Set managed attributes back to what the cloud says. {@code values} maps an attribute to its
     * desired values (empty list = remove); {@code previous} holds what AD had, for the report.
     */
    record Update(String cloudId, ObjectGuid guid, DN dn, Map<String, List<String>> values,
            Map<String, List<String>> previous) implements Change {
        @Override
        public ChangeKind kind() {
            return ChangeKind.UPDATE;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.update(this);
        }
    }

    /** Rename (display name changed) and/or move (target OU changed) with modify DN, same objectGUID. */
    record Move(String cloudId, ObjectGuid guid, DN from, DN to, boolean rename, boolean move) implements Change {
        @Override
        public ChangeKind kind() {
            return rename && !move ? ChangeKind.RENAME : ChangeKind.MOVE;
        }

        @Override
        public DN dn() {
            return from;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.move(this);
        }
    }

    /** Add members (value adds, batched by the directory). {@code group} is the DN the group has after earlier changes. */
    record AddMembers(String cloudId, DN group, List<DN> members) implements Change {
        @Override
        public ChangeKind kind() {
            return ChangeKind.ADD_MEMBERS;
        }

        @Override
        public DN dn() {
            return group;
        }

        @Override
        public int valueCount() {
            return members.size();
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.addMembers(this);
        }
    }

    /** Remove members (value deletes, batched by the directory). */
    record RemoveMembers(String cloudId, DN group, List<DN> members) implements Change {
        @Override
        public ChangeKind kind() {
            return ChangeKind.REMOVE_MEMBERS;
        }

        @Override
        public DN dn() {
            return group;
        }

        @Override
        public int valueCount() {
            return members.size();
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.removeMembers(this);
        }
    }

    /** Delete a managed group; {@code reason} says why (permanently deleted in the cloud, writeback disabled, ...). */
    record Delete(String cloudId, ObjectGuid guid, DN dn, String reason) implements Change {
        @Override
        public ChangeKind kind() {
            return ChangeKind.DELETE;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.delete(this);
        }
    }
}

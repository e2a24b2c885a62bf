package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.ad.DirectoryErrors.Operation;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.groupwriteback.engine.crash.CrashPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes {@code member} values in batches of value-add/value-delete modifications; when one stale
 * value fails a batch, that batch is written value by value so the others still go in. Thread-safe.
 */
final class MemberWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MemberWriter.class);

    /** Member values per modify request (AD's MaxValRange-friendly size). */
    static final int MEMBER_BATCH = 1000;

    private final LDAPConnectionPool pool;
    private final DirectoryErrors errors;
    private final EntryReader reader;

    MemberWriter(LDAPConnectionPool pool, DirectoryErrors errors, EntryReader reader) {
        this.pool = pool;
        this.errors = errors;
        this.reader = reader;
    }

    /** Writes {@code members} into (ADD) or out of (DELETE) {@code group}. */
    void write(DN group, Collection<DN> members, ModificationType type) throws DirectoryException {
        List<String> values = members.stream().map(AdDn::wire).distinct().toList();
        Map<String, LDAPException> refused = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i += MEMBER_BATCH) {
            CrashPoint.MEMBER_BATCH.reach(i == 0 ? "first" : "next");
            List<String> batch = values.subList(i, Math.min(values.size(), i + MEMBER_BATCH));
            try {
                pool.modify(new ModifyRequest(AdDn.wire(group),
                        new Modification(type, EntryReader.MEMBER, batch.toArray(new String[0]))));
            } catch (LDAPException e) {
                if (!isPerValueProblem(e.getResultCode(), type)) {
                    throw errors.failure(e, Operation.MEMBERS, group);
                }
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT && !reader.exists(group)) {
                    throw errors.failure(e, Operation.MEMBERS, group);
                }
                // One stale value fails the whole batch: write them one by one so the rest still goes in.
                writeOneByOne(group, batch, type, refused);
            }
        }
        LOG.debug("{} {} member value(s) {} {}", type == ModificationType.ADD ? "added" : "removed",
                values.size() - refused.size(), type == ModificationType.ADD ? "to" : "from", group);
        if (!refused.isEmpty()) {
            Map.Entry<String, LDAPException> first = refused.entrySet().iterator().next();
            String action = type == ModificationType.ADD ? "add" : "remove";
            String reason = first.getValue().getResultCode() == ResultCode.NO_SUCH_OBJECT ? "it does not exist"
                    : first.getValue().getResultCode() + ": " + first.getValue().getDiagnosticMessage();
            // REFUSED, not the member's NO_SUCH_OBJECT: the group itself exists and the other values went in.
            throw new DirectoryException("could not " + action + " " + refused.size() + " member(s) of " + group
                    + " (first: " + first.getKey() + ", " + reason + "); the other members were written",
                    Kind.REFUSED, first.getValue().getResultCode(), group.toString(), first.getValue());
        }
    }

    private static boolean isPerValueProblem(ResultCode code, ModificationType type) {
        if (type == ModificationType.ADD) {
            // AD and Samba: 68 for a value already there; standard servers: 20. 32 for a vanished member.
            return code == ResultCode.ENTRY_ALREADY_EXISTS || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                    || code == ResultCode.NO_SUCH_OBJECT || code == ResultCode.UNWILLING_TO_PERFORM
                    || code == ResultCode.CONSTRAINT_VIOLATION;
        }
        // AD and Samba: 53 for a value not there; standard servers: 16.
        return code == ResultCode.UNWILLING_TO_PERFORM || code == ResultCode.NO_SUCH_ATTRIBUTE;
    }

    private void writeOneByOne(DN group, List<String> batch, ModificationType type,
            Map<String, LDAPException> refused) throws DirectoryException {
        for (String value : batch) {
            try {
                pool.modify(new ModifyRequest(AdDn.wire(group), new Modification(type, EntryReader.MEMBER, value)));
            } catch (LDAPException e) {
                ResultCode code = e.getResultCode();
                boolean harmless = type == ModificationType.ADD
                        ? code == ResultCode.ENTRY_ALREADY_EXISTS || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                        : code == ResultCode.UNWILLING_TO_PERFORM || code == ResultCode.NO_SUCH_ATTRIBUTE;
                if (harmless) {
                    continue;
                }
                if (isPerValueProblem(code, type)) {
                    refused.put(value, e);
                } else {
                    throw errors.failure(e, Operation.MEMBERS, group);
                }
            }
        }
    }
}

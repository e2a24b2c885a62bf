package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;

/** One change of every {@link ChangeKind}, for tests that must cover each kind. */
public final class ChangeSamples {
    public static final String OU = "OU=Cloud Groups,DC=x,DC=test";
    public static final ObjectGuid GUID = ObjectGuid.parse("6f1d2c3b-4a59-4e68-9a7b-8c9d0e1f2a3b");

    private ChangeSamples() {
    }

    public static DN dn(String cn) {
        return parse("CN=" + cn + "," + OU);
    }

    /** One change per kind, in {@link ChangeKind} order; member changes carry 2 and 3 members. */
    public static List<Change> oneOfEachKind() {
        return List.of(
                new Change.Create("c1", new NewGroup(dn("Sales_c1"), "Sales_c1", -2147483640, "Sales", null,
                        "Group_c1", null, null, List.of())),
                new Change.Move("c2", GUID, dn("Old_c2"), parse("CN=New_c2,OU=Other,DC=x,DC=test"),
                        true, true),
                new Change.Move("c3", GUID, dn("Old_c3"), dn("New_c3"), true, false),
                new Change.Update("c4", GUID, dn("G_c4"), Map.of("description", List.of("new")),
                        Map.of("description", List.of("old"))),
                new Change.RemoveMembers("c5", dn("G_c5"), List.of(dn("U1"), dn("U2"), dn("U3"))),
                new Change.AddMembers("c6", dn("G_c6"), List.of(dn("U1"), dn("U2"))),
                new Change.Delete("c7", GUID, dn("G_c7"), "deleted in Entra ID"));
    }

    private static DN parse(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

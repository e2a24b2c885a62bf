package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.testsupport.HostileStrings;
import org.groupwriteback.testsupport.UnmanagedObjects;

/**
 * Hostile display names, descriptions, mail nicknames and ids through the real rules and the real LDAP adapter on
 * the AD-like demo directory: each group is either written with exactly the values the rules chose (read back
 * equal, under the target OU, nowhere else) or refused for that group alone with an error that names it; the
 * directory stays usable and nothing outside the managed set changes.
 */
class HostileValuesPropertyTest {
    private static final int TRIES = 200;
    private static final AtomicInteger WRITTEN = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    private static DemoDirectory demo;
    private static LdapDirectory directory;
    private static DN cloudGroups;
    private static UnmanagedObjects unmanaged;
    private static int alreadyMarked;

    @BeforeContainer
    static void start() throws Exception {
        demo = DemoDirectory.startDefault(0);
        cloudGroups = new DN("OU=Cloud Groups,OU=Corp," + demo.baseDn());
        Path temp = Files.createTempDirectory("hostile");
        directory = LdapDirectory.open(demo.configuration(temp.resolve("demo-password"), null));
        try (LDAPConnection c = demo.connection()) {
            unmanaged = UnmanagedObjects.snapshot(c, demo.baseDn());
        }
        alreadyMarked = directory.findWrittenBackGroups(cloudGroups).size();
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            try (LDAPConnection c = demo.connection()) {
                unmanaged.assertUnchangedIn(c);
            }
            System.out.printf("hostile values: %d written, %d refused, %d unmanaged entries verified untouched%n",
                    WRITTEN.get(), REFUSED.get(), unmanaged.size());
        } finally {
            directory.close();
            demo.stop();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return HostileStrings.values();
    }

    @Provide
    Arbitrary<String> ids() {
        return HostileStrings.ids();
    }

    @Property(tries = TRIES)
    void aHostileGroupIsWrittenExactlyOrRefusedAlone(@ForAll("hostile") String displayName,
            @ForAll("hostile") String description, @ForAll("hostile") String mailNickname, @ForAll("ids") String id,
            @ForAll boolean displayNameInDn) throws Exception {
        CloudGroup group = new CloudGroup(id, displayName, description, mailNickname, null, List.of("Unified"),
                false, true, null, List.of(), WritebackConfiguration.UNSET, Set.of(), false);
        DN dn = GroupNaming.dn(group, cloudGroups, displayNameInDn);
        assertThat(dn.getParent()).as("the DN stays directly under the target OU").isEqualTo(cloudGroups);
        NewGroup desired = WritebackRules.newGroup(group, GroupType.UNIVERSAL_DISTRIBUTION, dn, true);

        try {
            directory.createGroup(desired);
        } catch (DirectoryException refused) {
            REFUSED.incrementAndGet();
            assertThat(refused.getMessage()).as("the error names the group").containsAnyOf(dn.toString(),
                    desired.samAccountName());
            assertThat(directory.exists(dn)).isFalse();
            assertThat(directory.test().defaultNamingContext()).isNotBlank();
            return;
        }
        WRITTEN.incrementAndGet();
        try {
            Optional<AdGroup> read = directory.readGroup(dn);
            assertThat(read).as("the group at the DN the rules chose").isPresent();
            AdGroup g = read.get();
            assertThat(shown(g.dn().getRDN().getAttributeValues()[0])).as("cn")
                    .isEqualTo(shown(GroupNaming.cn(group, displayNameInDn)));
            assertThat(shown(g.displayName())).as("displayName").isEqualTo(shown(desired.displayName()));
            assertThat(shown(g.description())).as("description").isEqualTo(shown(desired.description()));
            assertThat(shown(g.mailNickname())).as("mailNickname").isEqualTo(shown(desired.mailNickname()));
            assertThat(shown(g.adminDescription())).as("adminDescription")
                    .isEqualTo(shown(GroupNaming.adminDescription(id)));
            assertThat(WritebackRules.attributeDiff(desired, g, true)).as("a second cycle changes nothing").isEmpty();
            List<AdGroup> marked = directory.findWrittenBackGroups(cloudGroups);
            assertThat(marked).as("filter metacharacters in the marker match nothing else").hasSize(alreadyMarked + 1)
                    .filteredOn(m -> desired.adminDescription().equals(m.adminDescription())).hasSize(1);
        } finally {
            directory.deleteGroup(dn);
        }
    }

    @Property(tries = TRIES)
    void aHostileRenameKeepsTheObjectOrIsRefusedAlone(@ForAll("hostile") String before,
            @ForAll("hostile") String after) throws Exception {
        String id = "c0ffee00-0000-4000-8000-" + String.format("%012d", WRITTEN.get() + REFUSED.get());
        CloudGroup original = group(id, before);
        CloudGroup renamed = group(id, after);
        DN dn = GroupNaming.dn(original, cloudGroups, true);
        try {
            directory.createGroup(WritebackRules.newGroup(original, GroupType.UNIVERSAL_SECURITY, dn, false));
        } catch (DirectoryException refused) {
            REFUSED.incrementAndGet();
            assertThat(refused.getMessage()).contains(dn.toString());
            return;
        }
        DN current = dn;
        try {
            RDN rdn = GroupNaming.rdn(renamed, true);
            try {
                current = directory.moveOrRename(dn, rdn, cloudGroups);
                WRITTEN.incrementAndGet();
                assertThat(current).isEqualTo(new DN(rdn, cloudGroups));
                assertThat(directory.readGroup(current)).isPresent();
            } catch (DirectoryException refused) {
                REFUSED.incrementAndGet();
                assertThat(refused.getMessage()).contains(dn.toString());
                assertThat(directory.readGroup(dn)).as("the group stays where it was").isPresent();
            }
        } finally {
            directory.deleteGroup(current);
        }
    }

    /** The value with every character outside printable ASCII as a Java escape, so a failure report stays legible. */
    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(value.length());
        value.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
        return b.length() > 300 ? b.substring(0, 300) + "...(" + value.length() + " chars)" : b.toString();
    }

    private static CloudGroup group(String id, String displayName) {
        return new CloudGroup(id, displayName, null, null, null, List.of(), true, false, null, List.of(),
                WritebackConfiguration.UNSET, Set.of(), false);
    }
}

package org.groupwriteback.samba.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.groupwriteback.testsupport.UnmanagedObjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * LDAP faults in the middle of real cycles against one Samba DC: connections reset at every write of an export
 * (the write lost before or after the DC did it), the DC stopped and restarted mid-export, a deny ACE on one
 * managed group, the target OU moved or deleted, the sync account disabled or its password changed, and the DC's
 * certificate replaced. After each: the exact AD state (each group once, at its DN, with exactly its members,
 * anchored), unmanaged objects byte-identical, and export errors that name the object and the cause.
 */
@SambaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapFaultsOnSambaTest {
    private static final DN USERS_OU = new DN(new RDN("OU", "FaultUsers"), SambaDc.BASE_DN);
    private static final String U1 = "f0000000-0000-4000-8000-000000000001";
    private static final String U2 = "f0000000-0000-4000-8000-000000000002";
    private static final String U3 = "f0000000-0000-4000-8000-000000000003";
    private static final String U4 = "f0000000-0000-4000-8000-000000000004";

    @TempDir
    static Path tmp;
    private static SambaDc dc;
    private static LDAPConnection admin;
    private static final List<FaultScenario> scenarios = new ArrayList<>();
    private static final Map<String, Integer> faults = new TreeMap<>();
    private static long started;

    @BeforeAll
    static void setUp(SambaDc samba) throws Exception {
        started = System.nanoTime();
        dc = samba;
        admin = dc.connectAdmin();
        WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
        admin.add(USERS_OU.toString(), new Attribute("objectClass", "organizationalUnit"));
        int i = 1;
        for (String id : List.of(U1, U2, U3, U4)) {
            DN dn = new DN(new RDN("CN", "Fault User " + i), USERS_OU);
            admin.add(new Entry(dn, new Attribute("objectClass", "user"),
                    new Attribute("sAMAccountName", "faultuser" + i)));
            FaultScenario.USERS.put(id, dn);
            FaultScenario.sids.put(id, Sid.fromBytes(admin.getEntry(dn.toString(), "objectSid")
                    .getAttributeValueBytes("objectSid")).value());
            i++;
        }
    }

    @AfterAll
    static void tearDown() {
        scenarios.forEach(FaultScenario::close);
        if (admin != null) {
            admin.close();
        }
        FaultScenario.USERS.clear();
        FaultScenario.sids.clear();
        System.out.printf("[samba-faults] faults injected %s; class took %d ms%n", faults,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void injected(String kind) {
        faults.merge(kind, 1, Integer::sum);
    }

    private static FaultScenario scenario(String name, String url) throws Exception {
        FaultScenario s = FaultScenario.open(dc, admin, tmp, name, url);
        scenarios.add(s);
        return s;
    }

    /** Five groups (one nested in another), written by a first cycle that must succeed. */
    private static void baseline(FaultScenario s) throws Exception {
        s.cloud.group(FaultScenario.group(s.id(1), "Alpha", "first", U1, U2));
        s.cloud.group(FaultScenario.group(s.id(2), "Beta", "second", U1, U2));
        s.cloud.group(FaultScenario.group(s.id(3), "Gamma", "d1", U3));
        s.cloud.group(FaultScenario.group(s.id(4), "Delta", "fourth", U4));
        s.cloud.group(FaultScenario.group(s.id(5), "Nest", "nested", s.id(1), U3));
        RunRecord r = s.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.counts().creates()).isEqualTo(5);
        s.assertExactState(admin, s.ou);
        assertThat(s.expectedDn(s.id(1), s.ou).getRDN().getAttributeValues()[0])
                .isEqualTo("Alpha_" + s.id(1).substring(s.id(1).length() - 12));
    }

    /** One change of every kind: rename, member add and remove, update, delete, create with members. */
    private static void delta(FaultScenario s) {
        s.cloud.group(FaultScenario.group(s.id(1), "Alpha Renamed", "first", U1, U2));
        s.cloud.group(FaultScenario.group(s.id(2), "Beta", "second", U2, U3));
        s.cloud.group(FaultScenario.group(s.id(3), "Gamma", "d2", U3));
        s.cloud.groups.remove(s.id(4));
        s.cloud.group(FaultScenario.group(s.id(6), "Epsilon", "new", U1, s.id(2)));
    }

    /** The cycle after a fault: nothing left to fail, the exact state, and a following cycle with nothing to do. */
    private static void assertHeals(FaultScenario s, DN target) throws Exception {
        RunRecord heal = s.cycle();
        assertThat(heal.status()).as(heal.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(heal.exportErrors()).as(heal.toString()).isEmpty();
        assertThat(heal.counts().deletes()).as("only the planned delete: " + heal).isLessThanOrEqualTo(1);
        s.assertExactState(admin, target);
        RunRecord after = s.cycle();
        assertThat(after.status()).as(after.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(after.counts().total()).as("converged: " + after).isZero();
    }

    /** A cycle a fault broke: failed as a whole, or finished with errors that each name the object and the cause. */
    private static void assertFailedCleanly(RunRecord r, String cause) {
        if (r.status() == RunStatus.FAILED) {
            assertThat(r.message()).as(r.toString()).containsIgnoringCase(cause);
        } else {
            assertThat(r.status()).as(r.toString()).isIn(RunStatus.SUCCESS, RunStatus.COMPLETED_WITH_ERRORS);
        }
        for (ExportError e : r.exportErrors()) {
            assertThat(e.dn()).as(e.toString()).isNotBlank();
            assertThat(e.message()).as(e.toString()).isNotBlank();
        }
        assertThat(r.counts().deletes() <= 1).as("only the planned delete: " + r).isTrue();
    }

    @Test
    @Order(1)
    void aConnectionResetAtAnyWriteOfAnExportHealsOnTheNextCycle() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(dc.host(), dc.ldapsPort())) {
            String url = "ldaps://localhost:" + proxy.port();
            FaultScenario reference = scenario("Reset-Ref", url);
            baseline(reference);
            delta(reference);
            RunRecord clean = reference.cycle();
            assertThat(clean.status()).as(clean.toString()).isEqualTo(RunStatus.SUCCESS);
            reference.assertExactState(admin, reference.ou);
            List<String> writes = reference.last.writes();
            System.out.printf("[samba-faults] the delta export writes %d times: %s%n", writes.size(), writes);
            assertThat(writes.size()).isGreaterThanOrEqualTo(6);

            // every write loses its answer after the DC did it; a create and a rename (the writes the pool does
            // not retry by itself) also lose the connection before the request goes out
            for (int k = 1; k <= writes.size(); k++) {
                for (boolean afterRequest : k <= 2 ? new boolean[] {true, false} : new boolean[] {true}) {
                    FaultScenario s = scenario("Reset-" + k + (afterRequest ? "-answer" : "-request"), url);
                    baseline(s);
                    delta(s);
                    UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);
                    int at = k;
                    s.hook = (n, what) -> {
                        if (n == at) {
                            injected("reset " + (afterRequest ? "after the DC wrote" : "before the request"));
                            if (afterRequest) {
                                proxy.resetAfterNextRequest();
                            } else {
                                proxy.resetAll();
                            }
                        }
                    };
                    RunRecord broken = s.cycle();
                    s.hook = (n, what) -> { };
                    assertFailedCleanly(broken, "connection");
                    assertHeals(s, s.ou);
                    unmanaged.assertUnchangedIn(admin);
                }
            }
        }
    }

    @Test
    @Order(2)
    void theDcStoppedOrRestartedMidExportFailsOrFinishesCleanlyAndTheNextCycleConverges() throws Exception {
        // stopped before the 3rd write and started only after the cycle; restarted between two writes (a create,
        // which is never retried blindly, and an update, which the pool retries on a new connection)
        for (int at : new int[] {3, 1, 4}) {
            boolean staysDown = at == 3;
            FaultScenario s = scenario("Restart-" + at, dc.ldapsUrl());
            baseline(s);
            delta(s);
            UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);
            s.hook = (n, what) -> {
                if (n == at) {
                    if (staysDown) {
                        injected("DC stopped mid-export");
                        dc.close();
                    } else {
                        injected("DC restarted between two writes");
                        dc.restart();
                    }
                }
            };
            RunRecord broken;
            try {
                broken = s.cycle();
            } finally {
                s.hook = (n, what) -> { };
                if (staysDown) {
                    dc.restart();
                }
            }
            if (staysDown) {
                assertThat(broken.status()).as(broken.toString()).isEqualTo(RunStatus.FAILED);
                // the first failure is what the admin needs: the later failed re-read must not replace it
                assertThat(broken.message()).as(broken.toString()).startsWith("lost the connection")
                        .contains("while applying", dc.ldapsUrl(), "the next cycle continues");
            }
            assertFailedCleanly(broken, "connection");
            admin.close();
            admin = dc.connectAdmin();
            assertHeals(s, s.ou);
            unmanaged.assertUnchangedIn(admin);
        }
    }

    @Test
    @Order(3)
    void aDenyAceOnOneManagedGroupGivesThatGroupAClearErrorAndTheOthersAreWritten() throws Exception {
        FaultScenario s = scenario("Denied", dc.ldapsUrl());
        baseline(s);
        DN denied = s.expectedDn(s.id(2), s.ou);
        byte[] originalSd = admin.getEntry(denied.toString(), "nTSecurityDescriptor")
                .getAttributeValueBytes("nTSecurityDescriptor");
        assertThat(originalSd).as("security descriptor of " + denied).isNotNull();
        String svcSid = Sid.fromBytes(admin.getEntry(SambaDc.SERVICE_DN.toString(), "objectSid")
                .getAttributeValueBytes("objectSid")).value();
        run("samba-tool", "dsacl", "set", "-H", dc.ldapUrl(), "--simple-bind-dn=" + SambaDc.ADMIN_DN,
                "--password=" + SambaDc.ADMIN_PASSWORD, "--objectdn=" + denied, "--sddl=(D;;WP;;;" + svcSid + ")");
        injected("deny ACE on one group");
        Map<String, List<String>> deniedBefore = entry(denied);
        s.cloud.group(FaultScenario.group(s.id(1), "Alpha", "first", U1, U2, U3));
        s.cloud.group(FaultScenario.group(s.id(2), "Beta", "second changed", U1, U2, U3));
        s.cloud.group(FaultScenario.group(s.id(3), "Gamma", "d1", U3, U1));
        UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);

        for (int cycle = 0; cycle < 2; cycle++) {
            RunRecord r = s.cycle();
            assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
            assertThat(r.exportErrors()).as(r.toString()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.cloudId()).isEqualTo(s.id(2));
                assertThat(e.dn()).isEqualTo(denied.toString());
                assertThat(e.message()).contains(denied.toString(), SambaDc.SERVICE_DN.toString());
                assertThat(e.code()).isEqualTo("insufficient access rights");
            });
            assertThat(entry(denied)).as("the denied group is untouched").isEqualTo(deniedBefore);
            assertThat(FaultScenario.members(admin, s.expectedDn(s.id(1), s.ou)))
                    .containsExactlyInAnyOrder(FaultScenario.USERS.get(U1), FaultScenario.USERS.get(U2),
                            FaultScenario.USERS.get(U3));
            assertThat(FaultScenario.members(admin, s.expectedDn(s.id(3), s.ou)))
                    .containsExactlyInAnyOrder(FaultScenario.USERS.get(U1), FaultScenario.USERS.get(U3));
            if (cycle == 1) {
                assertThat(r.counts().total()).as("the retry changes nothing else: " + r).isZero();
            }
        }
        unmanaged.assertUnchangedIn(admin);

        admin.modify(denied.toString(), new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.REPLACE, "nTSecurityDescriptor", originalSd));
        assertHeals(s, s.ou);
    }

    @Test
    @Order(4)
    void aTargetOuMovedAndRenamedKeepsItsGroupsWhichAreFoundAgainByObjectGuidNotCreatedAgain() throws Exception {
        FaultScenario s = scenario("Move-Src", dc.ldapsUrl());
        baseline(s);
        Map<String, byte[]> guids = new java.util.HashMap<>();
        for (String id : s.cloud.groups.keySet()) {
            guids.put(id, FaultScenario.marked(admin, id).get(0).getAttributeValueBytes("objectGUID"));
        }
        DN parking = new DN(new RDN("OU", "Parking"), SambaDc.GROUPS_OU);
        admin.add(parking.toString(), new Attribute("objectClass", "organizationalUnit"));
        DN moved = new DN(new RDN("OU", "Move-Dst"), parking);
        admin.modifyDN(s.ou.toString(), "OU=Move-Dst", true, parking.toString());
        injected("target OU moved and renamed");
        delta(s);
        s.cloud.group(FaultScenario.group(s.id(4), "Delta", "fourth", U4)); // no planned delete here
        UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);

        RunRecord r = s.cycle();
        assertThat(r.status()).as(r.toString()).isNotEqualTo(RunStatus.SUCCESS);
        assertThat(r.counts().creates()).as("nothing created elsewhere: " + r).isZero();
        assertThat(r.counts().deletes()).as("no delete caused by the fault: " + r).isZero();
        String problem = r.status() == RunStatus.FAILED ? r.message()
                : r.exportErrors().stream().map(ExportError::message).reduce("", String::concat);
        assertThat(problem).as(r.toString()).contains(s.ou.toString(), "does not exist");
        for (String id : guids.keySet()) {
            List<com.unboundid.ldap.sdk.SearchResultEntry> found = FaultScenario.marked(admin, id);
            assertThat(found).as("group %s exactly once", id).hasSize(1);
            assertThat(found.get(0).getParsedDN().getParent()).isEqualTo(moved);
            assertThat(found.get(0).getAttributeValueBytes("objectGUID")).isEqualTo(guids.get(id));
        }
        assertThat(FaultScenario.marked(admin, s.id(6))).as("the new group is not created elsewhere").isEmpty();
        unmanaged.assertUnchangedIn(admin);

        s.targetOu(moved);
        assertHeals(s, moved);
        for (String id : List.of(s.id(1), s.id(2), s.id(3), s.id(5))) {
            assertThat(FaultScenario.marked(admin, id).get(0).getAttributeValueBytes("objectGUID"))
                    .as("same object for %s", id).isEqualTo(guids.get(id));
        }
    }

    @Test
    @Order(5)
    void aDeletedTargetOuGivesAClearErrorAndNothingIsCreatedElsewhere() throws Exception {
        FaultScenario s = scenario("Gone", dc.ldapsUrl());
        baseline(s);
        admin.delete(new com.unboundid.ldap.sdk.DeleteRequest(s.ou.toString(),
                new com.unboundid.ldap.sdk.Control[] {new com.unboundid.ldap.sdk.Control("1.2.840.113556.1.4.805", true)}));
        injected("target OU deleted");
        delta(s);
        UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);

        for (int cycle = 0; cycle < 2; cycle++) {
            RunRecord r = s.cycle();
            assertThat(r.status()).as(r.toString()).isNotEqualTo(RunStatus.SUCCESS);
            String problem = r.status() == RunStatus.FAILED ? r.message()
                    : r.exportErrors().stream().map(ExportError::message).reduce("", String::concat);
            assertThat(problem).as(r.toString()).contains(s.ou.toString(), "does not exist");
            for (String id : List.of(s.id(1), s.id(2), s.id(3), s.id(4), s.id(5), s.id(6))) {
                assertThat(FaultScenario.marked(admin, id)).as("nothing created for %s", id).isEmpty();
            }
            unmanaged.assertUnchangedIn(admin);
        }

        admin.add(s.ou.toString(), new Attribute("objectClass", "organizationalUnit"));
        assertHeals(s, s.ou);
    }

    @Test
    @Order(6)
    void aDisabledSyncAccountOrAChangedPasswordFailsTheCycleAtBindNamingTheAccountAndWritingNothing()
            throws Exception {
        FaultScenario s = scenario("Account", dc.ldapsUrl());
        baseline(s);
        delta(s);
        Map<DN, Map<String, List<String>>> managed = managedEntries(s);

        admin.modify(SambaDc.SERVICE_DN.toString(), new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.REPLACE, "userAccountControl", "66050"));
        injected("sync account disabled");
        try {
            UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);
            RunRecord r = s.cycle();
            assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.FAILED);
            assertThat(r.message()).as(r.toString()).contains(SambaDc.SERVICE_DN.toString(), "disabled",
                    "enable it");
            assertThat(r.counts().total()).isZero();
            unmanaged.assertUnchangedIn(admin);
        } finally {
            admin.modify(SambaDc.SERVICE_DN.toString(), new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.REPLACE, "userAccountControl", "66048"));
        }
        assertThat(managedEntries(s)).as("nothing partially written").isEqualTo(managed);

        // Samba keeps accepting the previous password for a while (its "old password allowed period"): change it
        // twice so the one the engine has is really out of date
        String newPassword = "Changed!Passw0rd3";
        setServicePassword("Changed!Passw0rd2");
        setServicePassword(newPassword);
        injected("sync account password changed");
        try {
            UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin, SambaDc.BASE_DN);
            RunRecord r = s.cycle();
            assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.FAILED);
            assertThat(r.message()).as(r.toString()).contains(SambaDc.SERVICE_DN.toString(), "password",
                    "directory.passwordFile");
            assertThat(managedEntries(s)).as("nothing partially written").isEqualTo(managed);
            unmanaged.assertUnchangedIn(admin);

            org.groupwriteback.engine.config.DataDirectory.writeSecretFile(s.passwordFile,
                    (newPassword + "\n").toCharArray());
            assertHeals(s, s.ou);
        } finally {
            setServicePassword(SambaDc.SERVICE_PASSWORD);
        }
    }

    private static void setServicePassword(String password) throws Exception {
        admin.modify(SambaDc.SERVICE_DN.toString(), new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.REPLACE, "unicodePwd",
                ('"' + password + '"').getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
    }

    /** Every attribute of the scenario's groups, by DN. */
    private static Map<DN, Map<String, List<String>>> managedEntries(FaultScenario s) throws Exception {
        Map<DN, Map<String, List<String>>> out = new java.util.HashMap<>();
        for (com.unboundid.ldap.sdk.SearchResultEntry e : admin.search(s.ou.toString(),
                com.unboundid.ldap.sdk.SearchScope.ONE, "(objectClass=group)", "1.1").getSearchEntries()) {
            out.put(e.getParsedDN(), entry(e.getParsedDN()));
        }
        return out;
    }

    @Test
    @Order(7)
    void aReplacedDcCertificateFromTheTrustedCaIsAcceptedAndOneFromAnotherCaFailsClosed() throws Exception {
        FaultScenario s = scenario("Cert", dc.ldapsUrl());
        baseline(s);
        Path tls = dc.directory().resolve("tls");
        Path keep = java.nio.file.Files.createDirectories(tmp.resolve("original-tls"));
        for (String f : List.of("dc.crt", "dc.key")) {
            java.nio.file.Files.copy(tls.resolve(f), keep.resolve(f), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        try {
            issueDcCertificate(tls, "ca");
            dc.restart();
            injected("DC certificate replaced (same CA)");
            s.cloud.group(FaultScenario.group(s.id(1), "Alpha", "first", U1, U2, U4));
            RunRecord same = s.cycle();
            assertThat(same.status()).as(same.toString()).isEqualTo(RunStatus.SUCCESS);
            assertThat(same.counts().memberAdds()).isEqualTo(1);
            s.assertExactState(admin(), s.ou);

            issueDcCertificate(tls, "other-ca");
            dc.restart();
            injected("DC certificate replaced (untrusted CA)");
            delta(s);
            UnmanagedObjects unmanaged = UnmanagedObjects.snapshot(admin(), SambaDc.BASE_DN);
            Map<DN, Map<String, List<String>>> managed = managedEntries(s);
            RunRecord untrusted = s.cycle();
            assertThat(untrusted.status()).as(untrusted.toString()).isEqualTo(RunStatus.FAILED);
            assertThat(untrusted.message()).as(untrusted.toString())
                    .contains("not trusted", dc.caCertificate().toString());
            assertThat(untrusted.counts().total()).isZero();
            assertThat(managedEntries(s)).as("nothing written").isEqualTo(managed);
            unmanaged.assertUnchangedIn(admin);
        } finally {
            for (String f : List.of("dc.crt", "dc.key")) {
                java.nio.file.Files.copy(keep.resolve(f), tls.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            dc.restart();
            admin();
        }
        assertHeals(s, s.ou);
    }

    /** A new key and certificate for the DC (same names as the original) issued by {@code ca}.crt/.key in {@code tls}. */
    private static void issueDcCertificate(Path tls, String ca) throws Exception {
        String dir = tls.toString() + "/";
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=dc1.corp.example.test",
                "-keyout", dir + "dc.key", "-out", dir + "new.csr");
        run("openssl", "x509", "-req", "-in", dir + "new.csr", "-CA", dir + ca + ".crt", "-CAkey", dir + ca + ".key",
                "-CAcreateserial", "-days", "30", "-out", dir + "dc.crt", "-extfile", dir + "dc.ext");
        run("chmod", "600", dir + "dc.key");
    }

    /** A fresh admin connection (the old one died with a DC restart). */
    private static LDAPConnection admin() throws Exception {
        admin.close();
        admin = dc.connectAdmin();
        return admin;
    }

    /** Every attribute of {@code dn} except the ones AD maintains by itself, as text. */
    private static Map<String, List<String>> entry(DN dn) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (Attribute a : admin.getEntry(dn.toString(), "*", "+").getAttributes()) {
            if (!UnmanagedObjects.MAINTAINED_BY_AD.contains(a.getName().toLowerCase(java.util.Locale.ROOT))) {
                out.put(a.getName().toLowerCase(java.util.Locale.ROOT), java.util.Arrays.stream(a.getValueByteArrays())
                        .map(java.util.HexFormat.of()::formatHex).sorted().toList());
            }
        }
        return out;
    }

    /** Runs an external tool (samba-tool, openssl) and fails with its output when it fails. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}

package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 1: which cloud groups are written back, and as what type (behaviour.md tables). */
class WritebackKindsAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void initialCycleWritesExactlyTheEligibleGroupsWithTheirTypes() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String m365Default = f.unified("Sales Team", null, null, adele).get("id").asText();
        String m365Explicit = f.unified("Marketing", true, "universalDistributionGroup").get("id").asText();
        String m365Security = f.unified("Finance Secure", true, "universalSecurityGroup", adele).get("id").asText();
        String m365MailSec = f.unified("Legal Mail Sec", true, "universalMailEnabledSecurityGroup").get("id").asText();
        String m365Off = f.unified("Private Project", false, null).get("id").asText();
        String secOn = f.security("Engineers", true, adele).get("id").asText();
        String secOff = f.security("Contractors", false).get("id").asText();
        String secNull = f.security("Visitors", null).get("id").asText();
        var synced = f.security("HR Staff (synced)", true);
        synced.put("onPremisesSyncEnabled", true);
        String syncedId = synced.get("id").asText();
        var mailSec = f.security("Mail Enabled Sec", true);
        mailSec.put("mailEnabled", true).put("mail", "mailsec@contoso.onmicrosoft.com");
        String mailSecId = mailSec.get("id").asText();
        var dl = f.security("Exchange DL", true);
        dl.put("securityEnabled", false).put("mailEnabled", true).put("mail", "dl@contoso.onmicrosoft.com");
        String dlId = dl.get("id").asText();

        try (World w = World.start(tmp, f)) {
            JsonNode run = w.initial();
            assertThat(count(run, "creates")).isEqualTo(5);
            assertThat(run.path("importReport").path("fullImport").asBoolean()).isTrue();

            assertThat(w.groupsIn(World.CLOUD_GROUPS)).extracting(e -> e.getParsedDN())
                    .containsExactlyInAnyOrder(defaultDn(m365Default), defaultDn(m365Explicit),
                            defaultDn(m365Security), defaultDn(m365MailSec), defaultDn(secOn));

            SearchResultEntry sales = w.entry(defaultDn(m365Default));
            assertThat(sales.getAttributeValue("groupType")).isEqualTo("8");
            assertThat(sales.getAttributeValue("mail")).isEqualTo("salesteam@contoso.onmicrosoft.com");
            assertThat(sales.getAttributeValues("proxyAddresses"))
                    .containsExactly("SMTP:salesteam@contoso.onmicrosoft.com");
            assertThat(sales.getAttributeValue("displayName")).isEqualTo("Sales Team");
            assertThat(sales.getAttributeValue("description")).isEqualTo("about Sales Team");
            assertThat(sales.getAttributeValue("adminDescription")).isEqualTo("Group_" + m365Default);
            assertThat(sales.getAttributeValue("sAMAccountName")).isNotBlank().hasSizeLessThanOrEqualTo(20);
            assertThat(World.members(sales)).containsExactly(World.userDn("Adele Vance"));

            assertThat(w.entry(defaultDn(m365Explicit)).getAttributeValue("groupType")).isEqualTo("8");
            SearchResultEntry finance = w.entry(defaultDn(m365Security));
            assertThat(finance.getAttributeValue("groupType")).isEqualTo("-2147483640");
            SearchResultEntry legal = w.entry(defaultDn(m365MailSec));
            assertThat(legal.getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(legal.getAttributeValue("mail")).isEqualTo("legalmailsec@contoso.onmicrosoft.com");
            SearchResultEntry engineers = w.entry(defaultDn(secOn));
            assertThat(engineers.getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(engineers.getAttributeValue("mail")).isNull();
            assertThat(World.members(engineers)).containsExactly(World.userDn("Adele Vance"));

            for (String never : Set.of(m365Off, secOff, secNull, syncedId, mailSecId, dlId)) {
                assertThat(w.managed(never)).as("never written: %s", never).isNull();
            }
        }
    }

    @Test
    void tenantDefaultFalseDoesNotStopExistingUnsetMicrosoft365Groups() throws Exception {
        // The tenant default decides only what NEW groups get (Entra stamps isEnabled false on them); a group
        // whose isEnabled is unset keeps Connect's default and is written back (behaviour.md). New groups
        // created while the default is off: TenantChangesAcceptanceTest.
        World.Fixture f = new World.Fixture().unifiedDefault(false);
        String unset = f.unified("Unset Team", null, null).get("id").asText();
        String explicit = f.unified("Explicit Team", true, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            JsonNode run = w.initial();
            assertThat(count(run, "creates")).isEqualTo(2);
            assertThat(w.managed(unset)).isNotNull();
            assertThat(w.entry(defaultDn(explicit)).getAttributeValue("groupType")).isEqualTo("8");
        }
    }
}

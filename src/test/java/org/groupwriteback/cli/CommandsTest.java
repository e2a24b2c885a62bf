package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.FakeCloud;
import org.groupwriteback.engine.run.FakeDirectory;
import org.groupwriteback.engine.run.SimplePlanner;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
    static final String CONFIG = """
            {
              "cloud": {"authority": "https://login.test/t", "graphBaseUrl": "https://graph.test/v1.0",
                        "clientId": "11111111-2222-3333-4444-555555555555", "credential": {"secretFile": "secret.txt"}, "caCertificate": null},
              "directory": {"ldapUrl": "ldaps://dc1.x.test", "bindDn": "CN=sync,DC=x,DC=test", "passwordFile": "pw.txt",
                            "caCertificate": null, "baseDn": "DC=x,DC=test"},
              "ouFilter": {"included": ["DC=x,DC=test"], "excluded": []},
              "groupWriteback": {"enabled": true, "targetOu": "OU=Cloud Groups,DC=x,DC=test", "dnWithDisplayName": false,
                                 "memberLimit": 50000, "deleteWhenWritebackDisabled": false},
              "deletionThreshold": 1,
              "scheduler": {"enabled": true, "intervalMinutes": 30}
            }
            """;

    @TempDir
    Path tmp;
    Path data;
    final FakeCloud cloud = new FakeCloud();
    final FakeDirectory ad = new FakeDirectory();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        data = tmp.resolve("data");
        ad.users.put(new Sid("S-1-5-21-1-2-3-1101"), new DN("CN=Alice,OU=Users,DC=x,DC=test"));
        cloud.user("alice", "S-1-5-21-1-2-3-1101");
    }

    EngineWiring wiring() {
        return new EngineWiring(new Connectors() {
            @Override
            public CloudSource cloud(SyncConfiguration config, Path dataDir) {
                return cloud;
            }

            @Override
            public Directory directory(SyncConfiguration config, Path dataDir) {
                return ad;
            }
        }, SimplePlanner::plan, Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC));
    }

    int run(Object command, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.configure(new CommandLine(command));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    void configure() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, CONFIG);
        assertThat(run(new ConfigureCommand(), "--data", data.toString(), "--from", file.toString())).as(err.toString()).isZero();
    }

    @Test
    void configureStoresAValidConfigurationAndShowsIt() throws Exception {
        configure();
        assertThat(out.toString()).contains("configuration applied");
        assertThat(run(new ConfigureCommand(), "--data", data.toString(), "--show")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).at("/groupWriteback/targetOu").asText())
                .isEqualTo("OU=Cloud Groups,DC=x,DC=test");
    }

    @Test
    void configureRefusesAnInvalidConfigurationWithEveryFieldError() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, CONFIG.replace("\"OU=Cloud Groups,DC=x,DC=test\"", "\"not a dn\"")
                .replace("\"deletionThreshold\": 1", "\"deletionThreshold\": -1"));
        assertThat(run(new ConfigureCommand(), "--data", data.toString(), "--from", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("groupWriteback.targetOu: 'not a dn' is not a valid DN")
                .contains("deletionThreshold: is -1; it must be 0 or more");
        assertThat(Files.exists(data.resolve("configuration.json"))).isFalse();

        Files.writeString(file, CONFIG.replace("\"credential\"", "\"tenant\": \"x\", \"credential\""));
        assertThat(run(new ConfigureCommand(), "--data", data.toString(), "--from", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cloud.tenant: unknown key 'tenant'");

        Files.writeString(file, CONFIG.replace("\"memberLimit\": 50000", "\"memberLimit\": \"many\""));
        assertThat(run(new ConfigureCommand(), "--data", data.toString(), "--from", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("groupWriteback.memberLimit: has the wrong type");

        assertThat(run(new ConfigureCommand(), "--data", data.toString())).isEqualTo(2);
    }

    @Test
    void syncExitsZeroWhenEverythingIsAppliedAndPrintsTheCounts() throws Exception {
        configure();
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("SUCCESS").contains("creates 1").contains("member adds 1");
        assertThat(ad.entries).hasSize(1);
    }

    @Test
    void syncDryRunPrintsThePlanAndJsonPrintsTheRunRecord() throws Exception {
        configure();
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString(), "--dry-run")).isZero();
        assertThat(out.toString()).contains("plan (2 change(s))").contains("create").contains("CN=Group_a,OU=Cloud Groups");
        assertThat(ad.entries).isEmpty();

        assertThat(run(new SyncCommand(wiring()), "--data", data.toString(), "--json", "--policy", "Initial")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(json.get("policy").asText()).isEqualTo("INITIAL");
        assertThat(json.at("/counts/creates").asInt()).isEqualTo(1);
    }

    @Test
    void syncExitsOneOnExportErrorsAndOnTheDeletionThreshold() throws Exception {
        configure();
        cloud.group(FakeCloud.security("a", "Sales")).group(FakeCloud.security("b", "Sales EU"));
        ad.failures.put("create CN=Group_b,OU=Cloud Groups,DC=x,DC=test", ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("COMPLETED_WITH_ERRORS").contains("export errors (1)")
                .contains("LDAP 50 (insufficient access rights)");

        ad.failures.clear();
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isZero();
        cloud.groups.clear();
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("DELETION_THRESHOLD_EXCEEDED");
        assertThat(err.toString()).contains("--allow-deletes 2");
        assertThat(ad.entries).hasSize(2);
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString(), "--allow-deletes", "2")).isZero();
        assertThat(ad.entries).isEmpty();
    }

    @Test
    void syncRefusesBadUsageAndAMissingConfigurationWithExitTwo() throws Exception {
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("gwb configure --data");
        configure();
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString(), "--policy", "full")).isEqualTo(2);
        assertThat(err.toString()).contains("--policy", "full", "DELTA", "INITIAL");
        assertThat(run(new SyncCommand(wiring()), "--data", data.toString(), "--allow-deletes", "x")).isEqualTo(2);
    }

    @Test
    void syncWhileAnotherEngineHoldsTheDataDirectoryExitsOneAndSaysWho() throws Exception {
        configure();
        try (StateStore held = StateStore.open(data)) {
            assertThat(run(new SyncCommand(wiring()), "--data", data.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("another group-writeback engine (pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void runsListsTheHistoryNewestFirst() throws Exception {
        configure();
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        run(new SyncCommand(wiring()), "--data", data.toString());
        run(new SyncCommand(wiring()), "--data", data.toString(), "--dry-run");
        assertThat(run(new RunsCommand(), "--data", data.toString(), "--json")).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("dryRun").asBoolean()).isTrue();
        assertThat(runs.get(1).at("/counts/creates").asInt()).isEqualTo(1);
        assertThat(run(new RunsCommand(), "--data", data.toString(), "--last", "1")).isZero();
        assertThat(out.toString()).contains("Run 2").doesNotContain("Run 1 ");
        assertThat(run(new RunsCommand(), "--data", data.toString(), "--last", "0")).isEqualTo(2);

        try (StateStore held = StateStore.open(data)) { // as when gwb service runs
            assertThat(run(new RunsCommand(), "--data", data.toString(), "--json")).isZero();
            JsonNode recent = new ObjectMapper().readTree(out.toString());
            assertThat(recent).hasSize(2);
            assertThat(recent.get(0).get("dryRun").asBoolean()).isTrue();
            assertThat(err.toString()).contains("state store is in use").contains("recent-runs.json");
        }
    }

    @Test
    void schedulerShowsAndChangesTheSettingsInTheConfiguration() throws Exception {
        configure();
        assertThat(run(new SchedulerCommand(), "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("SyncCycleEnabled: true").contains("SyncCycleInterval: 30 minute(s)");
        assertThat(run(new SchedulerCommand(), "--data", data.toString(), "--disable", "--interval", "15")).isZero();
        SyncConfiguration c = DataDirectory.at(data).load();
        assertThat(c.scheduler()).isEqualTo(new SyncConfiguration.Scheduler(false, 15));
        assertThat(ServiceCommand.settings(data).enabled()).isFalse();
        assertThat(run(new SchedulerCommand(), "--data", data.toString(), "--interval", "0")).isEqualTo(2);
        cloud.group(FakeCloud.security("a", "Sales"));
        run(new SyncCommand(wiring()), "--data", data.toString());
        assertThat(run(new SchedulerCommand(), "--data", data.toString(), "--enable")).isZero();
        assertThat(out.toString()).contains("LastSyncCycle: run 1 started 2026-11-23T10:15:00Z, SUCCESS")
                .contains("NextSyncCycleStartTime: 2026-11-23T10:30:00Z");
        assertThat(run(new SchedulerCommand(), "--data", data.toString(), "--enable", "--disable")).isEqualTo(2);
    }

    @Test
    void serviceRunsAScheduledCycleAndStopsCleanly() throws Exception {
        configure();
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.user("alice")));
        ServiceCommand service = new ServiceCommand(wiring());
        Thread t = new Thread(() -> run(service, "--data", data.toString(), "--tick-seconds", "1"));
        t.start();
        // the first cycle is due at once; wait for its effect, then stop (SIGTERM does the same)
        for (int i = 0; i < 200 && ad.entries.isEmpty(); i++) {
            Thread.sleep(50);
        }
        service.stop();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(ad.entries).hasSize(1);
        try (StateStore s = StateStore.open(data)) {
            assertThat(s.anchors()).containsOnlyKeys("a");
        }
    }
}

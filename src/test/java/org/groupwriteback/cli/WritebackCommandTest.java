package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.groupwriteback.demo.DemoEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gwb writeback list|set} against the demo environment. */
class WritebackCommandTest {
    @TempDir
    static Path state;
    @TempDir
    static Path data;
    static DemoEnvironment env;

    @BeforeAll
    static void startAndSync() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, state);
        assertThat(run("configure", "--data", data.toString(), "--from", env.configurationFile().toString()).code)
                .isZero();
        // 1 = export errors (the demo's collision and adoption cases): the import itself succeeded
        assertThat(run("sync", "--data", data.toString(), "--policy", "initial").code).isIn(0, 1);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void listShowsEveryGroupWithWhetherAndWhyItIsWrittenBack() throws Exception {
        Result r = run("writeback", "list", "--data", data.toString(), "--json");
        assertThat(r.code).isZero();
        JsonNode list = new ObjectMapper().readTree(r.out);
        assertThat(list.size()).isEqualTo(org.groupwriteback.demo.tenant.TenantFixture.demo().groups().size());
        JsonNode written = find(list, true);
        assertThat(written.get("adDn").asText()).contains("OU=Cloud Groups");
        JsonNode notWritten = find(list, false);
        assertThat(notWritten.get("reason").asText()).isNotBlank();
    }

    @Test
    void setChangesTheTypeInTheTenantAndKeepsTheEnabledValue() throws Exception {
        JsonNode list = new ObjectMapper().readTree(run("writeback", "list", "--data", data.toString(), "--json").out);
        JsonNode m365 = null;
        for (JsonNode n : list) {
            if ("microsoft365".equals(n.get("kind").asText()) && n.get("writtenBack").asBoolean()) {
                m365 = n;
                break;
            }
        }
        assertThat(m365).as("a written-back Microsoft 365 group in the demo").isNotNull();
        String id = m365.get("id").asText();
        Boolean enabledBefore = env.tenant().writeback(id).isEnabled();
        Result r = run("writeback", "set", id, "--data", data.toString(), "--type", "universalSecurityGroup");
        assertThat(r.code).as(r.err).isZero();
        assertThat(env.tenant().writeback(id)).isEqualTo(
                new org.groupwriteback.engine.graph.WritebackConfiguration(enabledBefore, "universalSecurityGroup"));
    }

    @Test
    void setRefusesAnUnknownTypeWithUsageExit() {
        Result r = run("writeback", "set", "00000000-0000-0000-0000-000000000001", "--data", data.toString(),
                "--type", "globalSecurityGroup");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("globalSecurityGroup").contains("universalSecurityGroup");
    }

    private static JsonNode find(JsonNode list, boolean writtenBack) {
        for (JsonNode n : list) {
            if (n.get("writtenBack").asBoolean() == writtenBack) {
                return n;
            }
        }
        throw new AssertionError("no group with writtenBack=" + writtenBack);
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}

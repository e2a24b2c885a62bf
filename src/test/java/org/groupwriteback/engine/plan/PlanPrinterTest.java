package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.engine.plan.Fixtures.id;
import static org.groupwriteback.engine.plan.Fixtures.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.groupwriteback.engine.graph.CloudMember;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

    private static Plan samplePlan(Fixtures.Input in) {
        in.config = Fixtures.config(true, true, 2, false);
        in.syncedUsers(1, 2);
        in.users.put("c", new org.groupwriteback.engine.graph.CloudUser("c", null, null));
        in.group(security("11111111-1111-4111-8111-0123456789ab", "Sales, EMEA", true, CloudMember.user("u1"),
                CloudMember.user("u2")));
        in.group(security(id(2), "Too big", true, CloudMember.user("u1"), CloudMember.user("u2"),
                CloudMember.user("c")));
        in.group(security(id(3), "Empty", true, CloudMember.user("c")));
        return Planner.plan(in.build());
    }

    @Test
    void textHasOneLinePerChangeThenProblemsThenSummary() {
        Plan plan = samplePlan(new Fixtures.Input());
        List<String> lines = PlanPrinter.lines(plan, false);
        assertThat(lines).hasSize(plan.changes().size() + 1 + 1);
        assertThat(lines.get(0)).isEqualTo("create     CN=Empty_000000000003,OU=Cloud Groups,DC=fabrikam,DC=local"
                + " (Empty, 0 members)");
        assertThat(lines.get(1)).isEqualTo("create     CN=Sales\\, EMEA_0123456789ab,OU=Cloud Groups,DC=fabrikam,DC=local"
                + " (Sales, EMEA, 2 members)");
        assertThat(lines.get(2)).startsWith("addMembers CN=Sales\\, EMEA_0123456789ab").endsWith(": +2");
        assertThat(lines.get(3)).startsWith("problem    memberLimitExceeded: group Too big");
        assertThat(lines.get(4)).isEqualTo("3 changes (2 create, 1 addMembers); 1 problem; skipped members:"
                + " 1 cloud-only users, 0 users not found or out of scope, 0 groups not written back, 0 other objects");
    }

    @Test
    void verboseTextListsMemberDns() {
        Plan plan = samplePlan(new Fixtures.Input());
        assertThat(PlanPrinter.text(plan, true)).contains("+ " + Fixtures.userDn(1)).contains("+ " + Fixtures.userDn(2));
        assertThat(PlanPrinter.text(plan, false)).doesNotContain("+ CN=User");
    }

    @Test
    void jsonCarriesEveryChangeWithItsDetails() throws Exception {
        Plan plan = samplePlan(new Fixtures.Input());
        JsonNode json = new ObjectMapper().readTree(PlanPrinter.json(plan));
        assertThat(json.get("counts").get("create").asInt()).isEqualTo(2);
        assertThat(json.get("counts").get("delete").asInt()).isZero();
        assertThat(json.get("changes")).hasSize(3);
        JsonNode create = json.get("changes").get(1);
        assertThat(create.get("kind").asText()).isEqualTo("create");
        assertThat(create.get("dn").asText()).isEqualTo("CN=Sales\\, EMEA_0123456789ab,OU=Cloud Groups,DC=fabrikam,DC=local");
        assertThat(create.get("groupType").asInt()).isEqualTo(-2147483640);
        JsonNode add = json.get("changes").get(2);
        assertThat(add.get("members")).hasSize(2);
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo(Planner.PROBLEM_MEMBER_LIMIT);
        assertThat(json.get("skippedMembers").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void jsonOfMovesUpdatesAndDeletes() throws Exception {
        Fixtures.Input in = new Fixtures.Input();
        samplePlan(in);
        new SimulatedAd().apply(Planner.plan(in.build()), in);
        in.groups.remove(id(3));
        in.group(security("11111111-1111-4111-8111-0123456789ab", "Sales", true, CloudMember.user("u1")));
        Plan plan = Planner.plan(in.build());
        JsonNode json = new ObjectMapper().readTree(PlanPrinter.json(plan));
        assertThat(json.get("changes")).extracting(n -> n.get("kind").asText())
                .containsExactly("rename", "update", "removeMembers", "delete");
        assertThat(json.get("changes").get(0).get("to").asText()).startsWith("CN=Sales_0123456789ab,");
        assertThat(json.get("changes").get(1).get("values").get("displayName").get(0).asText()).isEqualTo("Sales");
        assertThat(json.get("changes").get(1).get("previous").get("displayName").get(0).asText()).isEqualTo("Sales, EMEA");
        assertThat(json.get("changes").get(3).get("reason").asText()).isEqualTo("deleted in Entra ID");
        assertThat(PlanPrinter.text(plan, false)).contains("rename     CN=Sales\\, EMEA_0123456789ab");
    }
}

package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.List;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.junit.jupiter.api.Test;

class ChangeKindTest {
    private static final List<Change> ALL = ChangeSamples.oneOfEachKind();

    @Test
    void theSamplesCoverEveryKind() {
        assertThat(ALL).extracting(Change::kind).containsExactly(ChangeKind.values());
        assertThat(EnumSet.copyOf(ALL.stream().map(Change::kind).toList())).isEqualTo(EnumSet.allOf(ChangeKind.class));
    }

    @Test
    void wireNamesStayAsInStoredRunRecordsAndTheJournal() {
        assertThat(ChangeKind.values()).extracting(ChangeKind::wire)
                .containsExactly("create", "move", "rename", "update", "removeMembers", "addMembers", "delete");
        assertThat(ChangeKind.ADD_MEMBERS).hasToString("addMembers");
    }

    @Test
    void everyKindIsDescribedWithItsDnAndDetail() {
        assertThat(ALL).extracting(PlanPrinter::describe).containsExactly(
                new PlannedChange("create", "c1", ChangeSamples.dn("Sales_c1").toString(),
                        "sAMAccountName=Sales_c1, groupType=-2147483640"),
                new PlannedChange("move", "c2", ChangeSamples.dn("Old_c2").toString(),
                        "-> CN=New_c2,OU=Other,DC=x,DC=test"),
                new PlannedChange("rename", "c3", ChangeSamples.dn("Old_c3").toString(),
                        "-> " + ChangeSamples.dn("New_c3")),
                new PlannedChange("update", "c4", ChangeSamples.dn("G_c4").toString(), "attributes description"),
                new PlannedChange("removeMembers", "c5", ChangeSamples.dn("G_c5").toString(), "-3 member(s)"),
                new PlannedChange("addMembers", "c6", ChangeSamples.dn("G_c6").toString(), "+2 member(s)"),
                new PlannedChange("delete", "c7", ChangeSamples.dn("G_c7").toString(), "deleted in Entra ID"));
    }

    @Test
    void aPlannedChangeLineHasKindCloudIdDnAndDetail() {
        PlannedChange p = PlanPrinter.describe(ALL.get(5));
        assertThat(PlanPrinter.line(p)).isEqualTo("addMembers    c6  CN=G_c6," + ChangeSamples.OU + "  +2 member(s)");
        assertThat(p).hasToString(PlanPrinter.line(p));
        assertThat(PlanPrinter.line(new PlannedChange("delete", "c7", "CN=x", ""))).isEqualTo("delete        c7  CN=x");
    }

    @Test
    void everyKindIsCountedPrintedAndInTheJson() throws Exception {
        Plan plan = new Plan(ALL, List.of(), SkippedMembers.NONE);
        assertThat(PlanPrinter.counts(plan)).containsOnlyKeys(
                EnumSet.allOf(ChangeKind.class).stream().map(ChangeKind::wire).toList()).allSatisfy((k, v) -> assertThat(v).isOne());
        List<String> lines = PlanPrinter.lines(plan, true);
        assertThat(lines).filteredOn(l -> !l.startsWith(" ")).hasSize(ALL.size() + 1);
        assertThat(lines).filteredOn(l -> l.startsWith("           - ")).hasSize(3);
        assertThat(lines).filteredOn(l -> l.startsWith("           + ")).hasSize(2);
        for (Change c : ALL) {
            assertThat(lines).anyMatch(l -> l.startsWith(String.format("%-10s ", c.kind().wire())) && l.contains(c.dn().toString()));
        }
        JsonNode json = new ObjectMapper().readTree(PlanPrinter.json(plan));
        assertThat(json.get("changes")).extracting(n -> n.get("kind").asText())
                .containsExactly("create", "move", "rename", "update", "removeMembers", "addMembers", "delete");
        assertThat(json.get("changes").get(4).get("members")).hasSize(3);
    }
}

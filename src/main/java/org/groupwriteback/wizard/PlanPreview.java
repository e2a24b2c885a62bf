package org.groupwriteback.wizard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.Map;

/**
 * The engine's dry-run plan for a configuration (the preview before Configure): counts per change kind, every
 * change as a row, how many Microsoft 365 and security groups would be created, and the plan's problems.
 */
public record PlanPreview(Map<String, Integer> counts, List<Row> rows, int microsoft365Creates, int securityCreates,
        List<String> problems) {

    private static final CsvMapper CSV = new CsvMapper();

    public PlanPreview {
        counts = Map.copyOf(counts);
        rows = List.copyOf(rows);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** One planned change: the group's name, the change kind, its DN, members added/removed and why. */
    public record Row(String group, String change, String dn, int membersAdded, int membersRemoved, String why) {
    }

    /** The rows as CSV with a header line (the export of the preview list). */
    public String toCsv() {
        CsvSchema schema = CSV.schemaFor(Row.class).withHeader()
                .sortedBy("group", "change", "dn", "membersAdded", "membersRemoved", "why");
        try {
            return CSV.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("preview rows always serialise as CSV", e);
        }
    }
}

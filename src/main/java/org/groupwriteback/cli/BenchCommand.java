package org.groupwriteback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groupwriteback.bench.BenchmarkException;
import org.groupwriteback.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gwb bench}: runs the benchmarks and prints their numbers (never asserts them). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs benchmarks and prints the numbers: 'plan' (the pure planner), 'small' (1,000 groups x 20",
            "members) and 'initial' (--groups x 20 members): initial, no-change and delta cycles through the tenant",
            "emulator, Graph SDK, LDAP and H2 against a raw baseline; 'big-group' (250,000 members, then 1,000",
            "changed). Default: all."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "plan | small | initial | big-group (default: all)")
    String scenario;

    @Option(names = "--json", description = "one JSON object per scenario instead of a table")
    boolean json;

    @Option(names = "--groups", defaultValue = "10000", description = "groups of the large size (initial, plan)")
    int groups;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "multiplies the sizes of small and big-group (e.g. 0.1 for a quick run)")
    double scale;

    @Override
    public Integer call() throws BenchmarkException, CliException, JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = scenario == null ? Benchmarks.names() : List.of(scenario);
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : names) {
            if (!Benchmarks.names().contains(name)) {
                throw CliException.usage("unknown scenario '" + name + "'; known: " + Benchmarks.names());
            }
            Map<String, Object> r = Benchmarks.run(name, groups, scale);
            results.add(r);
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(r));
            } else {
                out.println(name + ":");
                r.forEach((k, v) -> out.printf("  %-38s %s%n", k, v));
            }
            out.flush();
        }
        return 0;
    }
}

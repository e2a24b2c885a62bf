package org.groupwriteback.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ProductConnectors;

/**
 * How the CLI commands build an {@link Engine}: the product connectors, planner and clock, or test
 * doubles passed to a command's constructor.
 */
record EngineWiring(Connectors connectors, Function<PlanInput, Plan> planner, Clock clock) {

    /** The product: Graph + LDAP connectors, the real planner, the system clock. */
    static EngineWiring product() {
        return new EngineWiring(new ProductConnectors(), Planner::plan, Clock.systemUTC());
    }

    Engine open(Path dataDir) {
        return Engine.open(dataDir, DataDirectory.at(dataDir)::load, connectors, planner, clock);
    }
}

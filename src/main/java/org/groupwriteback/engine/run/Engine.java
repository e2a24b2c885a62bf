package org.groupwriteback.engine.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one data directory, as the service, the CLI and the wizard use it: owns the state store
 * (and with it the engine lock), builds the connections for each cycle from the current configuration,
 * runs one cycle at a time ({@link CycleGate}), and offers the wizard's operations (managed groups,
 * release, request a full import). Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final StateStore store;
    private final ConfigSource config;
    private final Connectors connectors;
    private final Function<PlanInput, Plan> planner;
    private final Clock clock;
    private final CycleGate gate;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Engine(StateStore store, ConfigSource config, Connectors connectors, Function<PlanInput, Plan> planner,
            Clock clock) {
        this.store = store;
        this.config = config;
        this.connectors = connectors;
        this.planner = planner;
        this.clock = clock;
        this.gate = new CycleGate(clock);
    }

    /** Opens the engine on {@code dataDir} with the product planner and the system clock. */
    public static Engine open(Path dataDir, ConfigSource config, Connectors connectors) {
        return open(dataDir, config, connectors, Planner::plan, Clock.systemUTC());
    }

    /**
     * Opens the engine on {@code dataDir}; throws {@link org.groupwriteback.engine.state.StateException}
     * when another engine process holds it.
     */
    public static Engine open(Path dataDir, ConfigSource config, Connectors connectors,
            Function<PlanInput, Plan> planner, Clock clock) {
        return new Engine(StateStore.open(dataDir), config, connectors, planner, clock);
    }

    /** The state store (for run history and settings). */
    public StateStore store() {
        return store;
    }

    /** The gate that keeps cycles one at a time. */
    public CycleGate gate() {
        return gate;
    }

    /** The configuration as it is now. */
    public SyncConfiguration configuration() throws ConfigurationException {
        return config.load();
    }

    /**
     * Runs one cycle now for {@code requester} ("scheduler", "gwb sync", "wizard"). Configuration or
     * connection set-up failures give a FAILED run record, not an exception.
     */
    public RunRecord sync(SyncCycle.Request request, String requester) throws CycleBusyException {
        RunRecord r = syncOnce(request, requester);
        RecentRuns.record(store.dataDir(), r);
        return r;
    }

    /**
     * The dry run of {@code configuration} (which need not be stored yet): the run record with the counts and
     * changes the next real cycle with that configuration applies (the wizard's preview before Configure).
     */
    public RunRecord preview(SyncConfiguration configuration, String requester) throws CycleBusyException {
        return preview(configuration, requester, null);
    }

    /**
     * {@link #preview(SyncConfiguration, String)} binding to AD with {@code directoryPassword} (typed in the
     * wizard, not stored yet) instead of the configured password file; null means the file.
     */
    public RunRecord preview(SyncConfiguration configuration, String requester, Secret directoryPassword)
            throws CycleBusyException {
        return cycle(new SyncCycle.Request(Policy.DELTA, true, 0, false), requester, () -> configuration,
                directoryPassword);
    }

    private RunRecord syncOnce(SyncCycle.Request request, String requester) throws CycleBusyException {
        return cycle(request, requester, config, null);
    }

    private RunRecord cycle(SyncCycle.Request request, String requester, ConfigSource source,
            Secret directoryPassword) throws CycleBusyException {
        try (CycleGate.Permit permit = gate.enter(requester)) {
            if (stopping.get()) {
                throw new CycleBusyException("the engine is stopping; no new cycle starts");
            }
            SyncConfiguration c;
            try {
                c = source.load();
            } catch (ConfigurationException e) {
                return failedRun(request, "the configuration cannot be used: " + e.getMessage());
            }
            try (CloudSource cloud = connectors.cloud(c, store.dataDir());
                    Directory directory = directoryPassword == null ? connectors.directory(c, store.dataDir())
                            : connectors.directory(c, store.dataDir(), directoryPassword)) {
                return new SyncCycle(c, store, cloud, directory, planner, clock).stoppingWhen(stopping::get).run(request);
            } catch (CloudException e) {
                return failedRun(request, "cannot connect to Entra ID: " + e.getMessage());
            } catch (DirectoryException e) {
                return failedRun(request, "cannot connect to Active Directory: " + e.getMessage());
            }
        }
    }

    /**
     * The engine is shutting down (SIGTERM): a running cycle finishes the change it is writing and ends as
     * {@link RunStatus#INTERRUPTED}; later cycles are refused.
     */
    public void stopCycles() {
        stopping.set(true);
    }

    private RunRecord failedRun(SyncCycle.Request request, String message) {
        LOG.error("{}", message);
        Instant now = clock.instant();
        long id = store.beginRun(request.policy().name(), request.dryRun(), now);
        RunRecord r = new RunRecord(id, request.policy(), request.dryRun(), now, now, 0, RunStatus.FAILED, message,
                null, RunCounts.ZERO, null, List.of(), 0, List.of(), false, List.of());
        store.finishRun(id, now, r.status().name(), RunJson.write(r));
        return r;
    }

    /** The last {@code n} run records, newest first. */
    public List<RunRecord> lastRuns(int n) {
        return store.lastRuns(n).stream().map(RunJson::read).toList();
    }

    /** The groups this engine manages in AD, with their cloud display names (the wizard's deletion warning). */
    public List<ManagedGroup> managedGroups() {
        Map<String, CloudGroup> groups = store.loadSnapshot().groups();
        List<ManagedGroup> out = new ArrayList<>();
        for (Anchor a : store.anchors().values()) {
            CloudGroup g = groups.get(a.cloudId());
            out.add(new ManagedGroup(a.cloudId(), g == null ? null : g.displayName(), a.lastKnownDn(), a.origin()));
        }
        return out;
    }

    /**
     * "Keep the groups in AD and stop managing them": drops every anchor without touching AD; returns how
     * many groups were released. Waits for no cycle: refused while one runs.
     */
    public int releaseAll() throws CycleBusyException {
        try (CycleGate.Permit permit = gate.enter("release")) {
            int n = store.releaseAll();
            LOG.info("released {} managed group(s); they stay in AD unmanaged", n);
            return n;
        }
    }

    /** Makes the next cycle import everything (writeback switched off or on in the wizard). */
    public void requestFullImport(String reason) {
        store.putSetting(EngineSettings.FULL_IMPORT_PENDING, reason);
    }

    @Override
    public void close() {
        store.close();
    }
}

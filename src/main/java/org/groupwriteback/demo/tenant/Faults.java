package org.groupwriteback.demo.tenant;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Fault rules of the emulator, matched against request paths; each rule fires a number of times. */
final class Faults {
    enum Kind { STATUS, LATENCY, DROP, MALFORMED }

    static final class Rule {
        final String pathContains;
        final Kind kind;
        int remaining;
        final int status;
        final int retryAfterSeconds;
        final long latencyMillis;

        Rule(String pathContains, Kind kind, int times, int status, int retryAfterSeconds, long latencyMillis) {
            this.pathContains = pathContains;
            this.kind = kind;
            this.remaining = times;
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
            this.latencyMillis = latencyMillis;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    synchronized void clear() {
        rules.clear();
    }

    /** Rules that fire for this request (latency rules plus at most one terminal rule), consuming counts. */
    synchronized List<Rule> match(String path) {
        List<Rule> fired = new ArrayList<>();
        boolean terminal = false;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!path.contains(rule.pathContains)) {
                continue;
            }
            if (rule.kind != Kind.LATENCY) {
                if (terminal) {
                    continue;
                }
                terminal = true;
            }
            fired.add(rule);
            if (rule.remaining > 0 && --rule.remaining == 0) {
                it.remove();
            }
        }
        return fired;
    }
}

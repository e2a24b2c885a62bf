package org.groupwriteback.demo.tenant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fault injection: rules matched against request paths, each firing a number of times (429/503 with
 * Retry-After, any status, latency, dropped connections, malformed pages), and what they do to a request.
 */
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

    /** What the faults make of one request: drop the connection, answer {@code reply}, or neither (serve it). */
    record Outcome(boolean drop, Reply reply) {
        static final Outcome SERVE = new Outcome(false, null);
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Replies replies;

    Faults(Replies replies) {
        this.replies = replies;
    }

    void throttleNext(String pathContains, int times, int retryAfterSeconds) {
        add(new Rule(pathContains, Kind.STATUS, times, 429, retryAfterSeconds, 0));
    }

    void unavailableNext(String pathContains, int times, int retryAfterSeconds) {
        add(new Rule(pathContains, Kind.STATUS, times, 503, retryAfterSeconds, 0));
    }

    void failNext(String pathContains, int times, int status) {
        add(new Rule(pathContains, Kind.STATUS, times, status, -1, 0));
    }

    void latency(String pathContains, Duration delay) {
        add(new Rule(pathContains, Kind.LATENCY, -1, 0, 0, delay.toMillis()));
    }

    void dropNext(String pathContains, int times) {
        add(new Rule(pathContains, Kind.DROP, times, 0, 0, 0));
    }

    void malformedNext(String pathContains, int times) {
        add(new Rule(pathContains, Kind.MALFORMED, times, 0, 0, 0));
    }

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    synchronized void clear() {
        rules.clear();
    }

    /** As {@link #intercept(String, String)} for a request without a query. */
    Outcome intercept(String path) {
        return intercept(path, null);
    }

    /**
     * Applies the rules firing for a request: sleeps for latency rules, returns the terminal outcome. A rule whose
     * text contains {@code ?} is matched against path and query (e.g. {@code ?$skiptoken} = a follow-up page), any
     * other rule against the path only.
     */
    Outcome intercept(String path, String query) {
        String target = query == null ? path : path + "?" + query;
        Outcome outcome = Outcome.SERVE;
        for (Rule rule : match(path, target)) {
            switch (rule.kind) {
                case LATENCY -> sleep(rule.latencyMillis);
                case DROP -> {
                    return new Outcome(true, null);
                }
                case MALFORMED -> outcome = new Outcome(false,
                        Reply.json(200, "{\"value\":[{\"id\":\"broken".getBytes(StandardCharsets.UTF_8)));
                case STATUS -> outcome = new Outcome(false, statusReply(rule));
            }
        }
        return outcome;
    }

    private Reply statusReply(Rule rule) {
        String code = switch (rule.status) {
            case 429 -> "TooManyRequests";
            case 503 -> "serviceNotAvailable";
            default -> "generalException";
        };
        Reply error = replies.graphError(rule.status, code, rule.status == 429
                ? "Too many requests. Retry after " + rule.retryAfterSeconds + " seconds."
                : "The service is temporarily unavailable.");
        return rule.retryAfterSeconds >= 0 ? error.withHeader("Retry-After", Integer.toString(rule.retryAfterSeconds))
                : error;
    }

    /** Rules that fire for this request (latency rules plus at most one terminal rule), consuming counts. */
    synchronized List<Rule> match(String path, String pathAndQuery) {
        List<Rule> fired = new ArrayList<>();
        boolean terminal = false;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!(rule.pathContains.contains("?") ? pathAndQuery : path).contains(rule.pathContains)) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

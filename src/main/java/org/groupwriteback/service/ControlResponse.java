package org.groupwriteback.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.run.ManagedGroup;
import org.groupwriteback.engine.run.RunRecord;

/**
 * One line the service sends back: any number of {@link Progress} lines, then exactly one final answer
 * ({@code "type"} names which).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlResponse.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = ControlResponse.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ControlResponse.Run.class, name = "run"),
    @JsonSubTypes.Type(value = ControlResponse.Runs.class, name = "runs"),
    @JsonSubTypes.Type(value = ControlResponse.Status.class, name = "status"),
    @JsonSubTypes.Type(value = ControlResponse.Configured.class, name = "configured"),
    @JsonSubTypes.Type(value = ControlResponse.Managed.class, name = "managedGroups"),
    @JsonSubTypes.Type(value = ControlResponse.Report.class, name = "report")})
public sealed interface ControlResponse {

    /** True for the answer that ends a request (everything but progress). */
    default boolean last() {
        return true;
    }

    /** A line of progress of the running cycle. */
    record Progress(String message) implements ControlResponse {
        @Override
        public boolean last() {
            return false;
        }
    }

    /**
     * The request was refused or failed: the message says why and what to do, {@code exitCode} is what the
     * CLI exits with, {@code fieldErrors} lists the problems of a refused configuration.
     */
    record Error(String message, int exitCode, List<ConfigurationException.FieldError> fieldErrors)
            implements ControlResponse {
        public Error {
            fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        }
    }

    /** The record of the cycle a {@code sync} ran, and the exit code {@code gwb sync} uses for it. */
    record Run(RunRecord run, int exitCode) implements ControlResponse {
    }

    /** Run records, newest first. */
    record Runs(List<RunRecord> runs) implements ControlResponse {
        public Runs {
            runs = runs == null ? List.of() : List.copyOf(runs);
        }
    }

    /** The service's state. */
    record Status(ServiceStatus status) implements ControlResponse {
    }

    /** The configuration was accepted and written. */
    record Configured(String message) implements ControlResponse {
    }

    /** The groups the engine manages. */
    record Managed(List<ManagedGroup> groups) implements ControlResponse {
        public Managed {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /** What a command the service ran printed on stdout ({@code out}) and stderr ({@code err}), and its exit code. */
    record Report(String out, String err, int exitCode) implements ControlResponse {
        public Report {
            out = out == null ? "" : out;
            err = err == null ? "" : err;
        }
    }
}

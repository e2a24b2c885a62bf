package org.groupwriteback.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Turns the engine's INFO log lines of one thread into progress lines for a control client (the cycle a
 * {@code sync} request runs on that client's thread). A no-op when logback is not the logging backend.
 */
final class ProgressTap extends AppenderBase<ILoggingEvent> {
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();

    private ProgressTap() {
    }

    /** Attaches a tap to the product's loggers. */
    static ProgressTap install() {
        ProgressTap tap = new ProgressTap();
        if (LoggerFactory.getLogger("org.groupwriteback") instanceof Logger product) {
            tap.setContext(product.getLoggerContext());
            tap.setName("gwb-progress");
            tap.start();
            product.addAppender(tap);
        }
        return tap;
    }

    /** Sends what the current thread logs at INFO or above to {@code sink} until the returned handle closes. */
    AutoCloseable listen(Consumer<String> sink) {
        String thread = Thread.currentThread().getName();
        listeners.put(thread, sink);
        return () -> listeners.remove(thread);
    }

    @Override
    protected void append(ILoggingEvent e) {
        Consumer<String> sink = listeners.get(e.getThreadName());
        if (sink != null && e.getLevel().isGreaterOrEqual(Level.INFO)) {
            sink.accept(e.getFormattedMessage());
        }
    }

    /** Detaches the tap. */
    void uninstall() {
        if (LoggerFactory.getLogger("org.groupwriteback") instanceof Logger product) {
            product.detachAppender(this);
        }
        stop();
    }
}

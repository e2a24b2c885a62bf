package org.groupwriteback.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.engine.config.DataDirectory;
import org.slf4j.LoggerFactory;

/**
 * The service's log files: {@code <data>/logs/service.log}, rolled at 10 MB into service.1.log ...
 * service.5.log, besides the console (journald under systemd). Cycle summaries are at INFO, one line per
 * written change at DEBUG ({@code GWB_LOG_LEVEL=DEBUG}).
 */
final class ServiceLogging {
    /** Directory of the log files inside the data directory. */
    static final String LOG_DIRECTORY = "logs";
    private static final String APPENDER = "gwb-service-file";

    private ServiceLogging() {
    }

    /** Adds the rolling file appender for {@code dataDir}; returns the log file. */
    static Path install(Path dataDir) {
        Path file = dataDir.resolve(LOG_DIRECTORY).resolve("service.log");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return file;
        }
        try {
            // Logback would create both with the umask: the log names groups, runs and accounts.
            Files.createDirectories(file.getParent());
            DataDirectory.restrictToOwner(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            DataDirectory.restrictToOwner(file);
        } catch (IOException e) {
            LoggerFactory.getLogger(ServiceLogging.class).warn("cannot restrict {} to the owner: {}", file,
                    e.getMessage());
        }
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>() {
            @Override
            public void rollover() {
                super.rollover();
                try {
                    DataDirectory.restrictToOwner(file);
                } catch (IOException e) {
                    addWarn("cannot restrict " + file + " to the owner: " + e.getMessage());
                }
            }
        };
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dataDir.resolve(LOG_DIRECTORY).resolve("service.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }
}

package org.groupwriteback.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupwriteback.engine.run.RunJson;

/** The JSON-lines codec of the control channel: one object per line, instants as ISO-8601 strings. */
final class ControlJson {
    private static final ObjectMapper MAPPER = RunJson.mapper().copy();

    private ControlJson() {
    }

    static String line(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a control message as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String line, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(line, type);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}

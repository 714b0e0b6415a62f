package dev.stint.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer: status, content type, extra headers and a body held in memory. */
record ControlResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json; charset=utf-8";

    static ControlResponse json(int status, byte[] body) {
        return new ControlResponse(status, JSON, Map.of(), body);
    }

    static ControlResponse html(int status, String html) {
        return new ControlResponse(status, "text/html; charset=utf-8", Map.of(), html.getBytes(StandardCharsets.UTF_8));
    }

    static ControlResponse redirect(String location, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Location", location);
        return new ControlResponse(303, null, all, new byte[0]);
    }

    ControlResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ControlResponse(status, contentType, all, body);
    }
}

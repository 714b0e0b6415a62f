package dev.stint.internal.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP request: method, path (still percent-encoded), query, headers by lowercase name, body.
 *
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 */
record ControlRequest(String method, String path, String query, String version, Map<String, List<String>> headers,
        byte[] body) {

    /** The header's value; null if absent. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** How many times the header occurs. */
    int headerCount(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? 0 : values.size();
    }

    /** Whether the connection stays open after the answer. */
    boolean keepAlive() {
        String connection = header("connection");
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            return false;
        }
        return "HTTP/1.1".equals(version);
    }

    /** Whether the method changes state (anything but GET, HEAD and OPTIONS). */
    boolean changesState() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /** The query's parameters, decoded; the first value of a repeated one. */
    Map<String, String> parameters() {
        Map<String, String> map = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return map;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.putIfAbsent(name, value);
        }
        return map;
    }

    /** The cookie's value; null if absent. */
    String cookie(String name) {
        List<String> values = headers.get("cookie");
        if (values == null) {
            return null;
        }
        for (String header : values) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("malformed query string");
        }
    }

    /** A path segment, percent-decoded ('+' stays '+'). */
    static String decodeSegment(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("malformed path");
        }
    }
}

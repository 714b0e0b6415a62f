package dev.stint.internal.control;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request from a connection with every size capped: the request line, the header block
 * and the body (by {@code Content-Length} only: chunked request bodies are refused). The time it may take is
 * the server's business (a deadline that closes the socket), not this class's.
 */
final class RequestReader {
    private final ControlLimits limits;

    RequestReader(ControlLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads a request whose first byte has been read already.
     *
     * @param continueOut where to write {@code 100 Continue} when the client expects it
     * @throws ApiProblem if the request is malformed or too large (answer it, then close the connection)
     * @throws IOException if the connection fails or ends early
     */
    ControlRequest read(int firstByte, InputStream in, OutputStream continueOut) throws IOException {
        String requestLine = line(firstByte, in, limits.maxRequestLine(), 414, "request line");
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !parts[0].matches("[A-Z]{1,16}") || !parts[2].matches("HTTP/1\\.[01]")) {
            throw ApiProblem.badRequest("malformed request line");
        }
        String target = parts[1];
        if (!target.startsWith("/") || target.startsWith("//")) {
            throw ApiProblem.badRequest("the request target must be a path");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            throw ApiProblem.badRequest("the request target must not carry a fragment");
        }
        Map<String, List<String>> headers = headers(in);
        if (headers.getOrDefault("host", List.of()).size() > 1) {
            throw ApiProblem.badRequest("more than one Host header");
        }
        if (headers.containsKey("transfer-encoding")) {
            throw ApiProblem.badRequest("chunked request bodies are not accepted; send Content-Length");
        }
        long length = contentLength(headers.get("content-length"));
        if (length > limits.maxBody()) {
            throw ApiProblem.tooLarge(413, "the request body is over " + limits.maxBody() + " bytes");
        }
        List<String> expect = headers.get("expect");
        if (expect != null && length > 0) {
            if (!expect.get(0).equalsIgnoreCase("100-continue")) {
                throw new ApiProblem(417, "bad_request", "unsupported Expect header");
            }
            continueOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            continueOut.flush();
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("connection closed inside the request body");
        }
        return new ControlRequest(parts[0], path, query, parts[2], headers, body);
    }

    private Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int budget = limits.maxHeaderBytes();
        while (true) {
            int first = in.read();
            if (first < 0) {
                throw new EOFException("connection closed inside the headers");
            }
            String line = line(first, in, budget, 431, "header block");
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return headers;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw ApiProblem.badRequest("folded header lines are not accepted");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw ApiProblem.badRequest("malformed header line");
            }
            String name = line.substring(0, colon);
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw ApiProblem.badRequest("malformed header name");
            }
            if (headers.size() >= 100) {
                throw ApiProblem.tooLarge(431, "more than 100 headers");
            }
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).strip());
        }
    }

    private static long contentLength(List<String> values) {
        if (values == null) {
            return 0;
        }
        String first = values.get(0);
        for (String v : values) {
            if (!v.equals(first)) {
                throw ApiProblem.badRequest("conflicting Content-Length headers");
            }
        }
        if (!first.matches("[0-9]{1,18}")) {
            throw ApiProblem.badRequest("malformed Content-Length");
        }
        return Long.parseLong(first);
    }

    /** One line (ending in LF, with or without CR before it), at most {@code max} bytes, as ISO-8859-1 text. */
    private static String line(int first, InputStream in, int max, int status, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b = first;
        while (b != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside the " + what);
            }
            if (line.size() >= max) {
                throw ApiProblem.tooLarge(status, "the " + what + " is over " + max + " bytes");
            }
            if (b == 0) {
                throw ApiProblem.badRequest("NUL byte in the " + what);
            }
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}

package dev.stint.internal.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes HTTP/1.1 answers: the status line, the headers every answer carries, the body. */
final class HttpWire {
    /** The strict policy of the dashboard's files. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private HttpWire() {
    }

    static void write(OutputStream out, ControlResponse response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256);
        statusLine(head, response.status());
        if (response.contentType() != null) {
            head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        commonHeaders(head);
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    /** The head of an event stream: chunked, so it can end cleanly. */
    static void writeStreamHead(OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(256);
        statusLine(head, 200);
        head.append("Content-Type: text/event-stream; charset=utf-8\r\n");
        head.append("Transfer-Encoding: chunked\r\n");
        commonHeaders(head);
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void writeChunk(OutputStream out, byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write('\r');
        out.write('\n');
    }

    static void writeLastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void statusLine(StringBuilder head, int status) {
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    }

    private static void commonHeaders(StringBuilder head) {
        head.append("Cache-Control: no-store\r\n");
        head.append("X-Content-Type-Options: nosniff\r\n");
        head.append("Referrer-Policy: no-referrer\r\n");
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 303 -> "See Other";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}

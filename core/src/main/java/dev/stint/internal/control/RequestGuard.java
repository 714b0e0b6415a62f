package dev.stint.internal.control;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks every request passes before a route sees it: its {@code Host} must name this endpoint (a page of
 * another site that rebinds its DNS name to 127.0.0.1 sends its own name), an {@code Origin}, when present, must
 * be this endpoint's (a cross-site page), and an API request must carry the token as a Bearer header or a
 * dashboard session cookie; a state-changing request on a cookie must also carry a matching {@code Origin}. A
 * token in the query string is refused outright: URLs end up in logs and histories.
 */
final class RequestGuard {
    /** How an API request was authenticated. */
    enum Principal {
        /** The Bearer token. */
        TOKEN,
        /** A dashboard session cookie. */
        SESSION
    }

    static final String SESSION_COOKIE = "stint_session";

    private final ControlToken token;
    private final DashboardSessions sessions;
    private final Set<String> hosts;
    private final Set<String> origins;

    RequestGuard(ControlToken token, DashboardSessions sessions, int port) {
        this.token = token;
        this.sessions = sessions;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /**
     * Checks the {@code Host} and {@code Origin} headers of any request.
     *
     * @throws ApiProblem {@code forbidden_host} or {@code forbidden_origin}
     */
    void checkSite(ControlRequest request) {
        String host = request.header("host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new ApiProblem(403, "forbidden_host", "the Host header must be 127.0.0.1 or localhost with this"
                    + " endpoint's port");
        }
        if (request.headerCount("origin") > 1) {
            throw new ApiProblem(403, "forbidden_origin", "more than one Origin header");
        }
        String origin = request.header("origin");
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            throw new ApiProblem(403, "forbidden_origin", "requests from another origin are refused");
        }
    }

    /**
     * Authenticates an API request.
     *
     * @throws ApiProblem {@code unauthorized}, or {@code forbidden_origin} for a state change on a cookie
     *     without an {@code Origin}
     */
    Principal authenticate(ControlRequest request) {
        Map<String, String> parameters = request.parameters();
        for (String name : parameters.keySet()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("token") || n.equals("authorization") || n.equals("auth")) {
                throw ApiProblem.unauthorized("a token in the query string is never accepted; send it as"
                        + " 'Authorization: Bearer <token>'");
            }
        }
        int authorizations = request.headerCount("authorization");
        if (authorizations > 1) {
            throw ApiProblem.unauthorized("more than one Authorization header");
        }
        if (authorizations == 1) {
            String value = request.header("authorization");
            if (value.regionMatches(true, 0, "Bearer ", 0, 7) && token.matches(value.substring(7).strip())) {
                return Principal.TOKEN;
            }
            throw ApiProblem.unauthorized("the token is not this endpoint's (it changes on every start)");
        }
        if (sessions.isSession(request.cookie(SESSION_COOKIE))) {
            if (request.changesState() && request.header("origin") == null) {
                throw new ApiProblem(403, "forbidden_origin", "a state-changing request on a session cookie must"
                        + " carry this endpoint's Origin");
            }
            return Principal.SESSION;
        }
        throw ApiProblem.unauthorized("send the token from the library's control.token file as"
                + " 'Authorization: Bearer <token>'");
    }
}

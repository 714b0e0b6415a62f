package dev.stint.internal.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The dashboard's way in without the token in a URL: a token holder asks for a ticket (random, single use,
 * valid {@link #TICKET_LIFE}); the browser opens {@code /login?ticket=...}, which redeems it for a session cookie
 * that lives as long as the server. A ticket found in a browser's history or a log grants nothing: it was used.
 */
final class DashboardSessions {
    static final Duration TICKET_LIFE = Duration.ofSeconds(60);
    private static final int MAX_TICKETS = 64;
    private static final int MAX_SESSIONS = 64;

    private final LongSupplier nanoTime;
    private final Map<String, Long> tickets = new LinkedHashMap<>();
    private final Deque<String> sessions = new ArrayDeque<>();

    DashboardSessions(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A new ticket. */
    synchronized String newTicket() {
        dropExpired();
        if (tickets.size() >= MAX_TICKETS) {
            Iterator<String> oldest = tickets.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String ticket = ControlToken.randomHex(32);
        tickets.put(ticket, nanoTime.getAsLong() + TICKET_LIFE.toNanos());
        return ticket;
    }

    /** A new session for a valid, unused ticket (which is used up); empty otherwise. */
    synchronized Optional<String> redeem(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        dropExpired();
        String match = null;
        for (String t : tickets.keySet()) {
            if (ControlToken.sameSecret(t, ticket)) {
                match = t;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        tickets.remove(match);
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.removeFirst();
        }
        String session = ControlToken.randomHex(32);
        sessions.addLast(session);
        return Optional.of(session);
    }

    /** Whether {@code cookie} is a live session. */
    synchronized boolean isSession(String cookie) {
        if (cookie == null) {
            return false;
        }
        boolean found = false;
        for (String s : sessions) {
            found |= ControlToken.sameSecret(s, cookie);
        }
        return found;
    }

    private void dropExpired() {
        long now = nanoTime.getAsLong();
        tickets.values().removeIf(expires -> now - expires > 0);
    }
}

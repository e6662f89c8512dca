package org.eventregistration.store.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.spi.LinkToken;

/**
 * Keeps the in-memory store's link tokens: by hash, and per registration and purpose oldest first,
 * so that a new one beyond the limit replaces the oldest. Thread-safe: one lock, the operations are
 * rare and short.
 */
final class MemoryLinkTokens {
    private final Map<String, LinkToken> byHash = new HashMap<>();
    private final Map<String, ArrayDeque<String>> byOwner = new HashMap<>();

    void save(LinkToken token, int maxLive) {
        Objects.requireNonNull(token, "token");
        if (maxLive < 1) {
            throw new IllegalArgumentException("maxLive must be at least 1 but was " + maxLive);
        }
        synchronized (byHash) {
            if (byHash.putIfAbsent(token.hash(), token) != null) {
                throw new IllegalArgumentException("a link token with this hash exists");
            }
            ArrayDeque<String> owned = byOwner.computeIfAbsent(
                    token.registrationId().value() + "/" + token.purpose(), k -> new ArrayDeque<>());
            owned.addLast(token.hash());
            while (owned.size() > maxLive) {
                byHash.remove(owned.removeFirst());
            }
        }
    }

    Optional<LinkToken> find(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        synchronized (byHash) {
            return Optional.ofNullable(byHash.get(tokenHash));
        }
    }

    int deleteExpired(Instant now) {
        synchronized (byHash) {
            int deleted = 0;
            for (Iterator<ArrayDeque<String>> owners = byOwner.values().iterator(); owners.hasNext(); ) {
                ArrayDeque<String> owned = owners.next();
                for (Iterator<String> hashes = owned.iterator(); hashes.hasNext(); ) {
                    String hash = hashes.next();
                    if (!byHash.get(hash).liveAt(now)) {
                        byHash.remove(hash);
                        hashes.remove();
                        deleted++;
                    }
                }
                if (owned.isEmpty()) {
                    owners.remove();
                }
            }
            return deleted;
        }
    }
}

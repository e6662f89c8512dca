package org.eventregistration.examples.portal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;

/**
 * Growing delays after wrong passwords, per user name and per client address (not a lockout:
 * the right password still works, only later). After {@code freeAttempts} wrong passwords each
 * attempt waits {@code firstDelay}, doubling with every further one up to {@code maximumDelay};
 * counts are forgotten {@code forgetAfter} the last attempt, and a user's count on a successful
 * login. An attempt counts from the moment it arrives, so parallel attempts wait in turn. In this node's memory, at most 100,000 keys of each. Thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final LoginProperties settings;
    private final Cache<String, Integer> users;
    private final Cache<String, Integer> addresses;

    /** A throttle with these settings. */
    public LoginThrottle(LoginProperties settings) {
        this.settings = settings;
        this.users = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(settings.forgetAfter())
                .build();
        this.addresses = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(settings.forgetAfter())
                .build();
    }

    /**
     * Admits one password attempt for this user from this address, and says how long it waits
     * before its password is checked. The attempt counts at once, as a wrong password until {@link
     * #succeeded} says otherwise: attempts sent at the same time do not all wait the same short
     * time, the n-th waits as if the n - 1 before it had failed.
     */
    public synchronized Duration admit(String username, String address) {
        // Both counts move together (synchronized: logins are few), so that attempts arriving at
        // the same time each see a different count. A merge is a write: the forget window starts
        // again at the last attempt.
        int user = users.asMap().merge(key(username), 1, Integer::sum);
        int fromAddress = addresses.asMap().merge(address, 1, Integer::sum);
        int over = Math.max(user, fromAddress) - 1 - settings.freeAttempts();
        if (over < 0) {
            return Duration.ZERO;
        }
        Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(over, 20));
        return delay.compareTo(settings.maximumDelay()) > 0 ? settings.maximumDelay() : delay;
    }

    /**
     * The password of an attempt was right: the user's count starts over, and the attempt no
     * longer counts against the address.
     */
    public synchronized void succeeded(String username, String address) {
        users.invalidate(key(username));
        addresses.asMap().computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
    }

    private static int count(Cache<String, Integer> cache, String key) {
        Integer n = cache.getIfPresent(key);
        return n == null ? 0 : n;
    }

    private static String key(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}

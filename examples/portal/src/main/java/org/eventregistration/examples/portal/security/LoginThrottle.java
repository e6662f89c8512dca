package org.eventregistration.examples.portal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;

/**
 * Growing delays after wrong passwords, per user name and per client address (not a lockout:
 * the right password still works, only later). After {@code freeAttempts} wrong passwords each
 * attempt waits {@code firstDelay}, doubling with every further one up to {@code maximumDelay};
 * counts are forgotten {@code forgetAfter} the last wrong password, and a user's count on a
 * successful login. In this node's memory, at most 100,000 keys of each. Thread-safe.
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

    /** How long an attempt for this user from this address waits before its password is checked. */
    public Duration delay(String username, String address) {
        int failures = Math.max(count(users, key(username)), count(addresses, address));
        int over = failures - settings.freeAttempts();
        if (over < 0) {
            return Duration.ZERO;
        }
        Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(over, 20));
        return delay.compareTo(settings.maximumDelay()) > 0 ? settings.maximumDelay() : delay;
    }

    /** A wrong password (or an unknown user). */
    public void failed(String username, String address) {
        // A merge is a write: the forget window starts again at the last failure.
        users.asMap().merge(key(username), 1, Integer::sum);
        addresses.asMap().merge(address, 1, Integer::sum);
    }

    /** A successful login: the user's own count starts over (the address's does not). */
    public void succeeded(String username) {
        users.invalidate(key(username));
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

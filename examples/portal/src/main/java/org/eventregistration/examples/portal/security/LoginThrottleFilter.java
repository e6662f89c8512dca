package org.eventregistration.examples.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Makes a password login ({@code POST /login}) wait as long as the {@link LoginThrottle} says, before the password is checked. */
public final class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;
    private final Sleeper sleeper;

    /** A filter over this throttle. */
    public LoginThrottleFilter(LoginThrottle throttle, Sleeper sleeper) {
        this.throttle = throttle;
        this.sleeper = sleeper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !("POST".equals(request.getMethod()) && "/login".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration delay = throttle.admit(request.getParameter("username"), request.getRemoteAddr());
        if (!delay.isZero()) {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

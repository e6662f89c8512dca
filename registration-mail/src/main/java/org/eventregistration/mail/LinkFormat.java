package org.eventregistration.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.spi.Delivery;

/**
 * How a link's secret becomes a URL of the portal: a base URL and one path template per {@link
 * LinkPurpose}, each with {@value #TOKEN} where the token goes. By default {@code /manage/{token}},
 * {@code /confirm/{token}}, {@code /data/{token}}, {@code /handover/{token}} and {@code /check-in/{token}} (the check-in QR
 * code, for the organiser's staff: serve it behind the staff's login):
 *
 * <pre>{@code
 * LinkFormat links = LinkFormat.of("https://portal.example")
 *         .withPath(LinkPurpose.DATA_REQUEST, "/personal-data/{token}");
 * links.url(LinkPurpose.MANAGE, token); // https://portal.example/manage/<token>
 * }</pre>
 *
 * <p>The base URL must be absolute https, or http on {@code localhost} for development, with no
 * query, fragment or user info. Immutable and thread-safe.
 */
public final class LinkFormat {
    /** The placeholder for the token in a path template. */
    public static final String TOKEN = "{token}";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final String base;
    private final Map<LinkPurpose, String> paths;

    private LinkFormat(String base, Map<LinkPurpose, String> paths) {
        this.base = base;
        this.paths = paths;
    }

    /**
     * A format with the default paths under {@code baseUrl}.
     *
     * @param baseUrl for example {@code https://portal.example} or {@code https://kommune.no/pamelding}
     * @throws IllegalArgumentException if it is not an absolute https URL (or http on localhost), or
     *     has a query, fragment or user info
     */
    public static LinkFormat of(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base URL is not a URL: '" + baseUrl + "'", e);
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "base URL must be absolute, like https://portal.example, but was '" + baseUrl + "'");
        }
        boolean local = LOCAL_HOSTS.contains(uri.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && local)) {
            throw new IllegalArgumentException(
                    "base URL must be https (http only on localhost): the links carry secrets, but was '" + baseUrl
                            + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "base URL must have no query, fragment or user info but was '" + baseUrl + "'");
        }
        String base = uri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        Map<LinkPurpose, String> paths = new EnumMap<>(LinkPurpose.class);
        paths.put(LinkPurpose.MANAGE, "/manage/" + TOKEN);
        paths.put(LinkPurpose.CONFIRM_ADDRESS, "/confirm/" + TOKEN);
        paths.put(LinkPurpose.DATA_REQUEST, "/data/" + TOKEN);
        paths.put(LinkPurpose.HANDOVER, "/handover/" + TOKEN);
        paths.put(LinkPurpose.CHECK_IN, "/check-in/" + TOKEN);
        return new LinkFormat(base, paths);
    }

    /**
     * A copy with another path for one purpose.
     *
     * @param purpose the purpose
     * @param pathTemplate starts with {@code /} and holds {@value #TOKEN} once, for example {@code
     *     /registrations/{token}} or {@code /manage?token={token}}
     * @throws IllegalArgumentException if the template does not fit
     */
    public LinkFormat withPath(LinkPurpose purpose, String pathTemplate) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        int at = pathTemplate.indexOf(TOKEN);
        if (!pathTemplate.startsWith("/") || at < 0 || pathTemplate.indexOf(TOKEN, at + 1) >= 0) {
            throw new IllegalArgumentException("a path template starts with / and holds " + TOKEN
                    + " exactly once, but was '" + pathTemplate + "'");
        }
        if (pathTemplate.contains("#") || pathTemplate.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException(
                    "a path template has no fragment, spaces or non-ASCII characters, but was '" + pathTemplate + "'");
        }
        Map<LinkPurpose, String> copy = new EnumMap<>(paths);
        copy.put(purpose, pathTemplate);
        LinkFormat format = new LinkFormat(base, copy);
        format.url(purpose, new ManageToken("check")); // fails here, not when the first mail is sent
        return format;
    }

    /** The URL of a link of a delivery. */
    public URI url(Delivery.Link link) {
        Objects.requireNonNull(link, "link");
        return url(link.purpose(), link.token());
    }

    /** The URL that carries {@code token} for {@code purpose}. */
    public URI url(LinkPurpose purpose, ManageToken token) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(token, "token");
        String encoded = URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
        try {
            return new URI(base + paths.get(purpose).replace(TOKEN, encoded));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("path template for " + purpose + " makes no valid URL", e);
        }
    }

    @Override
    public String toString() {
        return "LinkFormat[" + base + ", " + paths + "]";
    }
}

package org.eventregistration.examples.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page needs: its language, and the links of the language switcher. */
@ControllerAdvice
class PageModel {
    private final org.springframework.beans.factory.ObjectProvider<org.eventregistration.examples.portal.DemoMailbox>
            demoMailbox;

    PageModel(
            org.springframework.beans.factory.ObjectProvider<org.eventregistration.examples.portal.DemoMailbox>
                    demoMailbox) {
        this.demoMailbox = demoMailbox;
    }

    /** True when e-mail goes to the in-process demo mailbox: the header and the receipt link to it. */
    @ModelAttribute("demoMailbox")
    boolean demoMailbox() {
        return demoMailbox.getIfAvailable() != null;
    }

    /** The page's language: nb, nn or en; goes into {@code <html lang>}. */
    @ModelAttribute("lang")
    String lang(Locale locale) {
        return Views.lang(locale);
    }

    /** True when an organiser is logged in: the header then shows the log-out button. */
    @ModelAttribute("signedIn")
    boolean signedIn(java.security.Principal principal) {
        return principal != null;
    }

    /** True when the logged-in user is an organiser admin: the pages then show the admin's buttons. */
    @ModelAttribute("organiserAdmin")
    boolean organiserAdmin(org.springframework.security.core.Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    /** The switcher's links: this page in each language (a GET of the same path). */
    @ModelAttribute("languageLinks")
    List<LanguageLink> languageLinks(HttpServletRequest request) {
        String path = ServletUriComponentsBuilder.fromRequestUri(request)
                .replaceQuery(null)
                .build()
                .getPath();
        String here =
                path == null ? "/" : path.substring(request.getContextPath().length());
        return List.of(
                new LanguageLink("nb", "Bokmål", link(request, here, "nb")),
                new LanguageLink("nn", "Nynorsk", link(request, here, "nn")),
                new LanguageLink("en", "English", link(request, here, "en")));
    }

    /** One language in the switcher, named in that language. */
    record LanguageLink(String code, String label, String href) {}

    private static String link(HttpServletRequest request, String here, String lang) {
        String filter = request.getParameter("status");
        String query = "?lang=" + lang;
        if (filter != null && filter.matches("[A-Z_]{1,20}")) {
            query += "&status=" + filter;
        }
        return here + query;
    }
}

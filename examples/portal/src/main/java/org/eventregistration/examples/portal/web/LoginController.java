package org.eventregistration.examples.portal.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organisers' login page: user name and password, and a button per OpenID Connect provider configured. */
@Controller
class LoginController {
    private final List<Views.Option> providers = new ArrayList<>();

    LoginController(ObjectProvider<ClientRegistrationRepository> repository) {
        if (repository.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object r : registrations) {
                if (r instanceof ClientRegistration registration) {
                    providers.add(new Views.Option(registration.getRegistrationId(), registration.getClientName()));
                }
            }
        }
    }

    @GetMapping("/login")
    String login(Model model, jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("providers", providers);
        model.addAttribute("loginError", request.getParameterMap().containsKey("error"));
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        Object username = session == null
                ? null
                : session.getAttribute(org.eventregistration.examples.portal.SecurityConfiguration.LOGIN_USERNAME);
        if (session != null) {
            session.removeAttribute(org.eventregistration.examples.portal.SecurityConfiguration.LOGIN_USERNAME);
        }
        model.addAttribute(
                "username",
                username instanceof String name && request.getParameterMap().containsKey("error") ? name : "");
        return "login";
    }
}

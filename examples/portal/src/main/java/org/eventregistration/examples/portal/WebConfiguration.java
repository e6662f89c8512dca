package org.eventregistration.examples.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.eventregistration.i18n.Languages;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages: bokmål, nynorsk and English. {@code ?lang=nn} on any page switches and a cookie
 * remembers the choice. Without either the page is in bokmål, or in nynorsk when the browser asks
 * for nynorsk first: a Norwegian public service speaks Norwegian unless asked otherwise. Every
 * locale is narrowed to one of the three with {@link Languages#resolve}.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    /** The name of the language cookie and of the query parameter that sets it. */
    public static final String LANG = "lang";

    /** The portal's texts: {@code messages_nb}, {@code messages_nn} and {@code messages_en}. */
    @Bean
    public MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        // A server running with an English default locale must still answer a bokmål reader in bokmål.
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Languages.BOKMAL);
        return source;
    }

    /** Reads the language from the cookie, then the browser, narrowed to nb, nn or en. */
    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver cookie = new CookieLocaleResolver(LANG);
        cookie.setDefaultLocaleFunction(request -> request.getHeader("Accept-Language") != null
                        && Languages.resolve(request.getLocale()).equals(Languages.NYNORSK)
                ? Languages.NYNORSK
                : Languages.BOKMAL);
        cookie.setCookieMaxAge(Duration.ofDays(365));
        cookie.setCookieSameSite("Lax");
        cookie.setCookieHttpOnly(true);
        return new SupportedLanguages(cookie);
    }

    /** Narrows whatever the cookie or the browser says (a tampered cookie too) to nb, nn or en. */
    private record SupportedLanguages(CookieLocaleResolver cookie) implements LocaleResolver {
        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return Languages.resolve(cookie.resolveLocale(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            cookie.setLocale(request, response, locale == null ? null : Languages.resolve(locale));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(LANG);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** Browsers ask for {@code /favicon.ico} on their own: send them to the icon the pages link to. */
    @Override
    public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/favicon.svg")
                .setStatusCode(org.springframework.http.HttpStatus.MOVED_PERMANENTLY);
    }
}

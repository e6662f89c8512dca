package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.spi.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkFormatTest {
    final ManageToken token = new ManageToken("AbC-_123");

    @Test
    void default_paths_per_purpose() {
        LinkFormat links = LinkFormat.of("https://portal.example/");
        assertThat(links.url(LinkPurpose.MANAGE, token)).hasToString("https://portal.example/manage/AbC-_123");
        assertThat(links.url(LinkPurpose.CONFIRM_ADDRESS, token))
                .hasToString("https://portal.example/confirm/AbC-_123");
        assertThat(links.url(new Delivery.Link(LinkPurpose.DATA_REQUEST, token, Instant.EPOCH)))
                .hasToString("https://portal.example/data/AbC-_123");
    }

    @Test
    void a_base_path_and_own_templates() {
        LinkFormat links = LinkFormat.of("https://kommune.no/pamelding")
                .withPath(LinkPurpose.MANAGE, "/registrations?token={token}");
        assertThat(links.url(LinkPurpose.MANAGE, token))
                .hasToString("https://kommune.no/pamelding/registrations?token=AbC-_123");
        assertThat(LinkFormat.of("http://localhost:8080").url(LinkPurpose.MANAGE, token))
                .hasToString("http://localhost:8080/manage/AbC-_123");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "portal.example",
                "ftp://portal.example",
                "http://portal.example",
                "https://portal.example?x=1",
                "https://portal.example/#top",
                "https://user@portal.example",
                "https://",
                "not a url"
            })
    void bad_base_urls_are_refused(String url) {
        assertThatThrownBy(() -> LinkFormat.of(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manage/{token}", "/manage", "/{token}/{token}", "/a b/{token}", "/x#{token}"})
    void bad_templates_are_refused(String template) {
        LinkFormat links = LinkFormat.of("https://portal.example");
        assertThatThrownBy(() -> links.withPath(LinkPurpose.MANAGE, template))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

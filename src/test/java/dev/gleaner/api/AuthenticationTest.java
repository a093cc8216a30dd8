package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticationTest {
    @Test
    void readsTheTokenOfABearerHeader() {
        assertThat(Authentication.bearerToken("Bearer dk_abc")).isEqualTo("dk_abc");
        assertThat(Authentication.bearerToken("bearer   dk_abc  ")).isEqualTo("dk_abc");
        assertThat(Authentication.bearerToken("BEARER dk_abc")).isEqualTo("dk_abc");
    }

    @Test
    void anythingElseHasNoToken() {
        assertThat(Authentication.bearerToken(null)).isNull();
        assertThat(Authentication.bearerToken("")).isNull();
        assertThat(Authentication.bearerToken("Bearer ")).isNull();
        assertThat(Authentication.bearerToken("Bearer    ")).isNull();
        assertThat(Authentication.bearerToken("Basic ZGs6eA==")).isNull();
        assertThat(Authentication.bearerToken("dk_abc")).isNull();
        assertThat(Authentication.bearerToken("Bearerdk_abc")).isNull();
    }
}

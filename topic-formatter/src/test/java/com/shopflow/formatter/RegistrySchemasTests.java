package com.shopflow.formatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrySchemasTests {

    @Test
    void acceptsTheRegistryRootOrAnyOfItsApiUrls() {
        assertThat(RegistrySchemas.compatibleApi("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/apis/ccompat/v7");
        assertThat(RegistrySchemas.compatibleApi(" http://127.0.0.1:8080/ ")).isEqualTo("http://127.0.0.1:8080/apis/ccompat/v7");
        assertThat(RegistrySchemas.compatibleApi("http://registry:8080/apis/ccompat/v7/")).isEqualTo("http://registry:8080/apis/ccompat/v7");
        assertThat(RegistrySchemas.compatibleApi("http://registry:8080/apis/registry/v3")).isEqualTo("http://registry:8080/apis/ccompat/v7");
    }
}

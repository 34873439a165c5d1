package com.shopflow.web.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes every servlet service an OAuth2 resource server: requests need a valid JWT bearer token (signature, {@code
 * exp}/{@code nbf}, audience, issuer when configured: Boot's {@code spring.security.oauth2.resourceserver.jwt.*} builds
 * the decoder), except health, info, Prometheus metrics and the OpenAPI documents. {@code /admin/**},
 * {@code /dead-letters/**} and each {@link AdminOnly} bean need scope {@value Caller#ADMIN_SCOPE}. 401 and 403 are
 * problem+json that leak nothing. Controllers take a {@link Caller} parameter for per-customer checks.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
public class ApiSecurityAutoConfiguration {

    /** Reachable without a token: probes, metrics scrapes and the API description (the contract is no secret). */
    static final List<String> PUBLIC_PATHS = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/error");
    /** Admin-only in every service: operator endpoints and the messaging library's dead letters. */
    static final List<String> ADMIN_PATHS = List.of("/admin/**", "/dead-letters/**");

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint() {
        return new ProblemAuthenticationEntryPoint();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain shopflowApiSecurity(HttpSecurity http, ObjectProvider<AdminOnly> adminOnly,
            ProblemAuthenticationEntryPoint problems) {
        http.csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: bearer tokens only
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(PUBLIC_PATHS.toArray(String[]::new)).permitAll();
                    requests.requestMatchers(ADMIN_PATHS.toArray(String[]::new)).hasAuthority(Caller.ADMIN_AUTHORITY);
                    adminOnly.orderedStream().forEach(rule -> (rule.method() == null
                            ? requests.requestMatchers(rule.pathPattern())
                            : requests.requestMatchers(rule.method(), rule.pathPattern()))
                            .hasAuthority(Caller.ADMIN_AUTHORITY));
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }

    /**
     * No spans for Spring Security's own steps (each filter, authentication, authorization): wrapping every filter
     * cost about a tenth of {@code POST /orders}' CPU in a profile, and the request's {@code http.server.requests}
     * span already shows a refused token (401/403) and the time spent.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** The OpenAPI documents name the bearer scheme (Swagger UI's "Authorize") and never show Caller as input. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class OpenApiBearerScheme {

        OpenApiBearerScheme() {
            org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        }

        @Bean
        org.springdoc.core.customizers.OpenApiCustomizer openApiBearerScheme() {
            return openApi -> {
                if (openApi.getComponents() == null) {
                    openApi.setComponents(new io.swagger.v3.oas.models.Components());
                }
                openApi.getComponents().addSecuritySchemes("bearer", new io.swagger.v3.oas.models.security
                        .SecurityScheme().type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT"));
                openApi.addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("bearer"));
            };
        }
    }
}

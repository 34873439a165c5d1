package com.shopflow.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Gives every servlet service the shared {@link ProblemHandler} and {@link RequestBodyLimitFilter}. Runs before Spring
 * MVC's auto-configuration so that Boot's own problem-details handler ({@code spring.mvc.problemdetails.enabled})
 * backs off instead of competing with this one.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebSupportProperties.class)
public class WebSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestBodyLimitFilter requestBodyLimitFilter(WebSupportProperties properties) {
        return new RequestBodyLimitFilter(properties.maxRequestBody());
    }
}

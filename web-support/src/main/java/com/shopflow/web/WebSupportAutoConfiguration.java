package com.shopflow.web;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;

import io.micrometer.tracing.Tracer;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Gives every servlet service the shared {@link ProblemHandler} and {@link RequestBodyLimitFilter}, and with Micrometer
 * Tracing on the class path the {@link TraceIdResponseFilter}. Runs before Spring
 * MVC's auto-configuration so that Boot's own problem-details handler ({@code spring.mvc.problemdetails.enabled})
 * backs off instead of competing with this one.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebSupportProperties.class)
public class WebSupportAutoConfiguration {

    /** The error dispatch is no API: keep it out of the OpenAPI document (clients and fuzzers read it). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(
            name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class OpenApiWithoutErrorPath {

        @Bean
        org.springdoc.core.customizers.OpenApiCustomizer openApiWithoutErrorPath(
                @org.springframework.beans.factory.annotation.Value("${server.error.path:${error.path:/error}}")
                String errorPath) {
            return openApi -> {
                if (openApi.getPaths() != null) {
                    openApi.getPaths().remove(errorPath);
                }
            };
        }
    }

    /** Replaces Boot's JSON error body by problem+json for errors outside any controller. */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }


    /**
     * Requests Tomcat refuses itself never reach {@link ProblemErrorController}: its host's error valve (Boot adds an
     * HTML one) is replaced by {@link ProblemErrorReportValve}. Ordered last, so that it runs after Boot's own
     * customizer has added its valve.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatProblemConfiguration {

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                Pipeline pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }

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

    /** Only with Micrometer Tracing on the class path; the tracer is looked up per request, so bean order is moot. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class TraceIdConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TraceIdResponseFilter traceIdResponseFilter(ObjectProvider<Tracer> tracer) {
            return new TraceIdResponseFilter(tracer);
        }
    }
}

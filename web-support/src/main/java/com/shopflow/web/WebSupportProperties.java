package com.shopflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared HTTP layer ({@code shopflow.web.*}).
 *
 * @param maxRequestBody larger request bodies are refused with 413 before they are parsed
 */
@ConfigurationProperties("shopflow.web")
public record WebSupportProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}

package com.shopflow.order.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP API ({@code shopflow.orders.api.*}).
 *
 * @param maxRequestBody larger request bodies are refused with 413 before they are parsed
 */
@ConfigurationProperties("shopflow.orders.api")
public record OrderApiProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}

package com.shopflow.chaos.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request.
 *
 * @param operation     the documented operation it aims at
 * @param category      how it was built (e.g. {@code WRONG_TYPE}, {@code MALFORMED_JSON}, {@code BOUNDARY})
 * @param mustBeRejected whether any 2xx answer is a failure (the request is invalid by the document or the README)
 */
public record FuzzRequest(OpenApi.Operation operation, String category, String method, String url, String contentType,
                          byte[] body, Map<String, String> headers, boolean mustBeRejected) {

    /** For failure reports: method, URL, content type and the start of the body. */
    public String describe() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.length() > 300) {
            text = text.substring(0, 300) + "... (" + body.length + " bytes)";
        }
        return category + ": " + method + " " + (url.length() > 200 ? url.substring(0, 200) + "..." : url)
                + (contentType == null ? "" : " [" + contentType + "]") + (headers.isEmpty() ? "" : " " + headers)
                + (text.isEmpty() ? "" : " " + text);
    }
}

package com.shopflow.web;

/**
 * A checked {@code page}/{@code size} pair from a list endpoint's query: a bad one is a 400 naming the parameter, and
 * a page beyond what an {@code int} offset reaches is refused rather than overflowing.
 *
 * @param page zero-based page number
 * @param size page size, 1 to the endpoint's cap
 */
public record PageRequest(int page, int size) {

    /** Checks {@code page} and {@code size} against {@code maxSize}; throws {@link InvalidFieldException}. */
    public static PageRequest of(int page, int size, int maxSize) {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > maxSize) {
            throw new InvalidFieldException("size", "must be between 1 and " + maxSize);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidFieldException("page", "is too large");
        }
        return new PageRequest(page, size);
    }
}

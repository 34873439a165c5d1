package com.shopflow.events.compat;

import org.apache.avro.Schema;

/** Translates Avro's JSON-pointer locations into dotted field names of a schema. */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * Walks {@code location} (e.g. {@code /fields/4/type/items/fields/1/type}) through {@code root} and returns the field
     * names on the way ({@code lines[].quantity}); stops quietly at anything it does not understand.
     */
    static String resolve(Schema root, String location) {
        StringBuilder path = new StringBuilder();
        Schema schema = root;
        String[] tokens = location == null ? new String[0] : location.split("/");
        for (int i = 0; i < tokens.length && schema != null; i++) {
            String token = tokens[i];
            switch (token) {
                case "", "type" -> {
                }
                case "fields" -> {
                    if (i + 1 >= tokens.length || schema.getType() != Schema.Type.RECORD
                            || !tokens[i + 1].chars().allMatch(Character::isDigit)) {
                        return path.toString();
                    }
                    int position = Integer.parseInt(tokens[++i]);
                    if (position >= schema.getFields().size()) {
                        return path.toString();
                    }
                    Schema.Field field = schema.getFields().get(position);
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(field.name());
                    schema = field.schema();
                }
                case "items" -> {
                    path.append("[]");
                    schema = schema.getType() == Schema.Type.ARRAY ? schema.getElementType() : null;
                }
                case "values" -> {
                    path.append("{}");
                    schema = schema.getType() == Schema.Type.MAP ? schema.getValueType() : null;
                }
                default -> {
                    if (schema.getType() == Schema.Type.UNION && token.chars().allMatch(Character::isDigit)
                            && Integer.parseInt(token) < schema.getTypes().size()) {
                        schema = schema.getTypes().get(Integer.parseInt(token));
                    }
                    else {
                        return path.toString(); // symbols, name, size: the location ends at this schema
                    }
                }
            }
        }
        return path.toString();
    }
}

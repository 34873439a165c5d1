package com.shopflow.chaos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.shopflow.chaos.Databases;

/** Row count and an order-independent checksum of every table of every service database. */
public final class TableChecksums {

    private TableChecksums() {
    }

    /** {@code database.table} to {@code count:md5}. */
    public static Map<String, String> of(Databases databases) {
        Map<String, String> sums = new TreeMap<>();
        for (String database : Databases.ALL) {
            List<String> tables = new ArrayList<>();
            for (Object[] row : databases.query(database,
                    "select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'")) {
                tables.add((String) row[0]);
            }
            for (String table : tables) {
                Object[] row = databases.query(database, "select count(*), coalesce(md5(string_agg(md5(t::text), '' "
                        + "order by md5(t::text))), '') from \"" + table + "\" t").getFirst();
                sums.put(database + "." + table, row[0] + ":" + row[1]);
            }
        }
        return sums;
    }

    /** Tables whose count or checksum differs. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((table, sum) -> {
            if (!sum.equals(before.get(table))) {
                changed.add(table + " (" + before.get(table) + " -> " + sum + ")");
            }
        });
        before.keySet().stream().filter(t -> !after.containsKey(t)).forEach(t -> changed.add(t + " (dropped)"));
        return changed;
    }
}

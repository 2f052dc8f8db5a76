package org.bittern.admin;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * What a list import did.
 *
 * @param added        rows inserted
 * @param duplicates   valid lines whose info_hash was already listed (on either list) or repeated in the body
 * @param invalid      invalid lines (an import with any is refused as a whole, so 0 in a success)
 * @param invalidLines the first {@link #MAX_REPORTED} invalid lines, in order
 */
public record ImportSummary(long added, long duplicates, long invalid, List<InvalidLine> invalidLines) {

    public static final int MAX_REPORTED = 100;

    public ImportSummary {
        invalidLines = List.copyOf(invalidLines);
    }

    public record InvalidLine(long line, String problem) {
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("added", added)
                .add("duplicates", duplicates)
                .add("invalid", invalid)
                .add("invalidLines", invalidLinesJson())
                .build();
    }

    JsonArray invalidLinesJson() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        invalidLines.forEach(l -> array.add(Json.createObjectBuilder().add("line", l.line())
                .add("problem", l.problem())));
        return array.build();
    }
}

package org.bittern.admin;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Set;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListKind;

/**
 * The body of {@code POST /api/v1/torrents}: {@code {"infoHash":"<40 hex>","name":"…","list":"allow|deny"}}.
 * {@code name} is optional; {@code list} defaults to allow. Unknown members are refused, so a misspelt one is not
 * silently ignored.
 */
public record NewTorrent(InfoHash infoHash, String name, ListKind list) {

    /** The column's length. */
    public static final int MAX_NAME = 1024;
    private static final Set<String> MEMBERS = Set.of("infoHash", "name", "list");

    /** @throws ProblemException 400 naming the member that is wrong */
    public static NewTorrent parse(String body) {
        if (body.isBlank()) {
            throw Problems.badRequest("empty body; expected {\"infoHash\":\"<40 hex>\",\"name\":\"…\","
                    + "\"list\":\"allow|deny\"}").exception();
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Problems.badRequest("the body must be a JSON object").exception();
            }
            json = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw Problems.badRequest("malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": " + e.getMessage()).exception();
        } catch (JsonException e) {
            throw Problems.badRequest("malformed JSON: " + e.getMessage()).exception();
        }
        for (String member : json.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw Problems.badRequest("unknown member \"" + member + "\"; expected infoHash, name, list")
                        .exception();
            }
        }
        String hex = string(json, "infoHash");
        if (hex == null) {
            throw Problems.badRequest("infoHash is required (40 hex digits)").exception();
        }
        String name = string(json, "name");
        if (name != null && name.length() > MAX_NAME) {
            throw Problems.badRequest("name is longer than " + MAX_NAME + " characters").exception();
        }
        String list = string(json, "list");
        return new NewTorrent(infoHash("infoHash", hex), name, list == null ? ListKind.ALLOW : listKind("list", list));
    }

    /** @throws ProblemException 400 unless exactly 40 hex digits */
    public static InfoHash infoHash(String field, String hex) {
        String reason = HashLines.hexProblem(hex);
        if (reason != null) {
            throw Problems.badRequest(field + ": " + reason).exception();
        }
        return InfoHash.fromHex(hex);
    }

    /** @throws ProblemException 400 unless allow or deny */
    public static ListKind listKind(String field, String value) {
        return switch (value) {
            case "allow" -> ListKind.ALLOW;
            case "deny" -> ListKind.DENY;
            default -> throw Problems.badRequest(field + " must be allow or deny, got \"" + shorten(value) + "\"")
                    .exception();
        };
    }

    private static String string(JsonObject json, String member) {
        JsonValue value = json.get(member);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw Problems.badRequest(member + " must be a string, got " + value.getValueType().name()
                .toLowerCase(java.util.Locale.ROOT)).exception();
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}

package org.bittern.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The Bittern YAML file as a MicroProfile Config source (design §7). Registered through
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}, so every MP Config runtime (Payara in
 * the WAR, SmallRye in the UDP sidecar) picks it up by itself.
 *
 * <p>The file is named by the system property {@value #PATH_PROPERTY} or, if that is unset, the environment variable
 * {@value #PATH_ENV}; with neither the source is empty and the built-in defaults apply. It is read once, at
 * construction. A file that is missing, unreadable, too large or not valid YAML fails the construction with a
 * one-line {@link ConfigException} naming the file and the problem; the MP runtime then fails the start.
 *
 * <p>Mapping: nested maps become dotted keys ({@code tracker: {numwant: {max: 80}}} is {@code tracker.numwant.max});
 * a list of scalars becomes one comma-separated value with commas inside items escaped as {@code \,} (the MP Config
 * array rule); a null value or an empty list becomes the empty string, which MP Config treats as "not set" while
 * still hiding lower-ordinal sources. Scalars keep the text the operator wrote: plain scalars are not converted by
 * YAML 1.1 rules, so {@code mode: off} stays {@code "off"} (not {@code false}), {@code 30m} and {@code 010} stay as
 * written, and {@code yes} is <em>not</em> silently a boolean; typing is left to {@link TrackerConfig#from} and the
 * MP converters. Explicitly tagged scalars ({@code !!int 80}) go through SnakeYAML's {@link SafeConstructor} and
 * {@code toString()}.
 */
public class YamlConfigSource implements ConfigSource {

    /**
     * 250: above {@code META-INF/microprofile-config.properties} (100), so the operator's file beats defaults built
     * into the artifact; below environment variables (300) and system properties (400), so a container or a
     * one-off {@code -D} can still override a single key of a shared file without editing it, the usual
     * twelve-factor order. Payara's own extra sources (directory 90, TOML 95, password 105, ...) stay below it.
     */
    public static final int ORDINAL = 250;

    /** System property naming the file; wins over {@link #PATH_ENV}. */
    public static final String PATH_PROPERTY = "bittern.config";
    /** Environment variable naming the file. */
    public static final String PATH_ENV = "BITTERN_CONFIG";

    /** Largest accepted file; a tracker configuration is a few hundred bytes. */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 32;

    private static final Pattern COMMA = Pattern.compile(",");

    private final String name;
    private final Map<String, String> properties;

    /** The ServiceLoader constructor: the file from {@value #PATH_PROPERTY} / {@value #PATH_ENV}, if any. */
    public YamlConfigSource() {
        this(resolvePath(System::getProperty, System::getenv));
    }

    /**
     * Reads the given file, or makes an empty source for {@code null}.
     *
     * @throws ConfigException if the file cannot be read or parsed
     */
    public YamlConfigSource(Path file) {
        if (file == null) {
            this.name = "YamlConfigSource[none]";
            this.properties = Map.of();
        } else {
            this.name = "YamlConfigSource[" + file + "]";
            this.properties = Collections.unmodifiableMap(load(file));
        }
    }

    /**
     * The configured file: the system property if set and not blank, else the environment variable, else
     * {@code null}.
     *
     * @throws ConfigException if the chosen value is not a valid path
     */
    static Path resolvePath(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String key = PATH_PROPERTY;
        String value = systemProperties.apply(PATH_PROPERTY);
        if (value == null || value.isBlank()) {
            key = PATH_ENV;
            value = environment.apply(PATH_ENV);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "not a valid file path: " + ConfigException.quote(value));
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    private static Map<String, String> load(Path file) {
        String text = read(file);
        Object document;
        try {
            document = yaml().load(text);
        } catch (MarkedYAMLException e) {
            throw fileProblem(file, "invalid YAML: " + describe(e), e);
        } catch (YAMLException e) { // includes limits: aliases, nesting, code points, duplicate keys
            throw fileProblem(file, "invalid YAML: " + e.getMessage(), e);
        } catch (RuntimeException e) { // SnakeYAML has a few unchecked exceptions of its own (e.g. on bad tags)
            throw fileProblem(file, "invalid YAML: " + e, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (document == null) {
            return out; // empty file or only comments
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw fileProblem(file, "the top level must be a mapping (key: value), not a "
                    + kind(document), null);
        }
        flatten(file, "", root, out, 0);
        return out;
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw fileProblem(file, Files.exists(file) ? "not a regular file" : "file not found", null);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw fileProblem(file, "file larger than " + MAX_FILE_BYTES + " bytes", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw fileProblem(file, "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        if (bytes.length > MAX_FILE_BYTES) { // grew between size() and read
            throw fileProblem(file, "file larger than " + MAX_FILE_BYTES + " bytes", null);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "not valid UTF-8", e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        // SafeConstructor builds only maps, lists and standard scalars; SnakeYAML 2's default TagInspector
        // additionally refuses every global (class-name) tag.
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new TextResolver());
    }

    /**
     * Resolves plain scalars to strings (keeping the operator's text) except {@code null}/{@code ~}/empty, and
     * keeps the merge key {@code <<} working. Booleans, numbers and timestamps are not guessed.
     */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }

    private static void flatten(Path file, String prefix, Map<?, ?> map, Map<String, String> out, int depth) {
        if (depth > MAX_NESTING) { // recursive anchors (&a ... *a) end here too
            throw fileProblem(file, "nesting deeper than " + MAX_NESTING + " levels (a recursive anchor?) at "
                    + (prefix.isEmpty() ? "the top level" : prefix), null);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object k = e.getKey();
            if (k == null || k instanceof Map || k instanceof List || String.valueOf(k).isBlank()) {
                throw fileProblem(file, "keys must be non-empty scalars"
                        + (prefix.isEmpty() ? "" : " (under " + prefix + ")"), null);
            }
            String key = prefix.isEmpty() ? String.valueOf(k).strip() : prefix + "." + String.valueOf(k).strip();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> child) {
                flatten(file, key, child, out, depth + 1);
            } else {
                put(file, key, scalarOrList(file, key, v), out);
            }
        }
    }

    private static String scalarOrList(Path file, String key, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object item : list) {
                if (item instanceof Map || item instanceof List) {
                    throw new ConfigException(key, "a list may only hold scalar values, found a " + kind(item)
                            + " (in " + file + ")");
                }
                if (item == null) {
                    continue;
                }
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(COMMA.matcher(scalar(item)).replaceAll("\\\\,"));
            }
            return sb.toString();
        }
        return scalar(v);
    }

    private static String scalar(Object v) {
        if (v instanceof byte[] bytes) { // !!binary
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(v);
    }

    private static void put(Path file, String key, String value, Map<String, String> out) {
        if (out.putIfAbsent(key, value) != null) {
            throw new ConfigException(key, "defined twice in " + file + " (as nested keys and as a dotted key)");
        }
    }

    private static String kind(Object o) {
        return o instanceof Map ? "mapping" : o instanceof List ? "list" : "scalar";
    }

    private static ConfigException fileProblem(Path file, String problem, Throwable cause) {
        return new ConfigException(PATH_PROPERTY, file + ": " + problem, cause);
    }

    /** SnakeYAML's multi-line message as one line: context, problem, position. */
    private static String describe(MarkedYAMLException e) {
        StringBuilder sb = new StringBuilder();
        if (e.getContext() != null) {
            sb.append(e.getContext()).append(": ");
        }
        sb.append(e.getProblem() != null ? e.getProblem() : e.getClass().getSimpleName());
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (mark != null) {
            sb.append(" (line ").append(mark.getLine() + 1).append(", column ").append(mark.getColumn() + 1)
                    .append(')');
        }
        return sb.toString();
    }
}

package io.cairn.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads config files into checked trees: a file named on the command line must end in
 * {@code .json} or {@code .hcl}; a directory contributes its {@code .json}/{@code .hcl} files
 * in alphabetical order and skips the rest, as Consul does.
 */
final class ConfigFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {
    }

    /** Each file behind {@code paths}, in load order. */
    static List<Path> expand(List<Path> paths, Problems problems) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(Files::isRegularFile).sorted().forEach(file -> {
                        if (isConfigFile(file)) {
                            files.add(file);
                        } else {
                            problems.warning(file + ": skipped, config files must end in .json or .hcl");
                        }
                    });
                } catch (IOException e) {
                    problems.error(path + ": cannot read directory: " + e.getMessage());
                }
            } else if (!Files.isRegularFile(path)) {
                problems.error(path + ": no such file or directory");
            } else if (!isConfigFile(path)) {
                problems.error(path + ": config files must end in .json or .hcl");
            } else {
                files.add(path);
            }
        }
        return files;
    }

    /** The file's keys checked against {@link ConfigKeys#AGENT}; {@code null} if it cannot be parsed. */
    static ObjectNode read(Path file, Problems problems) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode tree = file.toString().endsWith(".hcl") ? parseHcl(text) : JSON.readTree(text);
            return checked(tree, file.toString(), problems);
        } catch (JsonProcessingException e) {
            problems.error(file + ": invalid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            problems.error(file + ": cannot read: " + e.getMessage());
        } catch (HCLParserException | RuntimeException e) {
            // hcl4j also reports syntax errors as a RuntimeException wrapping HCLParserException
            Throwable cause = e.getCause() instanceof HCLParserException parse ? parse : e;
            problems.error(file + ": invalid HCL: " + cause.getMessage());
        }
        return null;
    }

    /** A tree shipped inside this bundle (defaults, dev mode). */
    static ObjectNode resource(String name) {
        try (InputStream in = ConfigFiles.class.getResourceAsStream(name)) {
            Problems problems = new Problems();
            ObjectNode tree = checked(JSON.readTree(in), name, problems);
            if (problems.hasErrors()) {
                throw new IllegalStateException(String.join("\n", problems.errors()));
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode checked(JsonNode tree, String source, Problems problems) {
        if (!tree.isObject()) {
            problems.error(source + ": must hold an object of config keys");
            return null;
        }
        return ConfigKeys.AGENT.check(tree, new Where(source, "", problems));
    }

    private static JsonNode parseHcl(String text) throws HCLParserException, IOException {
        Map<String, Object> tree = new HCLParser().parse(text);
        return JSON.valueToTree(tree);
    }

    private static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".hcl");
    }
}

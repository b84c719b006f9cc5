package dev.pdm.iiot.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An env file as it should be: values it owns (kept when there, made when missing) and values
 * that come from elsewhere (always as given). Written only when it changes; lines it does not
 * know (comments, settings added by hand) stay.
 */
final class ComposeSecretsEnvFile {

    private static final String HEADER = "# Made by ./run compose-secrets for docker compose; never commit it.\n";

    private final Path file;
    private final Map<String, String> existing;
    private final Map<String, String> values = new LinkedHashMap<>();

    ComposeSecretsEnvFile(final Path file) {
        this.file = file;
        this.existing = Files.exists(file) ? ComposeSecrets.readEnv(file) : Map.of();
    }

    Optional<String> existing(final String name) {
        return Optional.ofNullable(existing.get(name)).filter(v -> !v.isEmpty());
    }

    ComposeSecretsEnvFile own(final String name, final Supplier<String> made) {
        values.put(name, existing(name).orElseGet(made));
        return this;
    }

    ComposeSecretsEnvFile set(final String name, final String value) {
        values.put(name, value);
        return this;
    }

    Map<String, String> save(final List<Path> written, final List<Path> kept) {
        final Map<String, String> all = new LinkedHashMap<>(existing);
        all.putAll(values);
        if (Files.exists(file) && all.equals(existing)) {
            kept.add(file);
            return all;
        }
        final StringBuilder text = new StringBuilder();
        final Map<String, String> pending = new LinkedHashMap<>(values);
        if (Files.exists(file)) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    final String name = variable(line);
                    if (name != null && pending.containsKey(name)) {
                        text.append(line(name, pending.remove(name)));
                    } else {
                        text.append(line).append('\n');
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        } else {
            text.append(HEADER);
        }
        pending.forEach((name, value) -> text.append(line(name, value)));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        ComposeSecrets.permissions(file, "rw-------");
        written.add(file);
        return all;
    }

    private static String variable(final String line) {
        final String stripped = line.strip();
        final int eq = stripped.indexOf('=');
        return stripped.startsWith("#") || eq <= 0 ? null : stripped.substring(0, eq);
    }

    private static String line(final String name, final String value) {
        return name + "='" + value + "'\n";
    }
}

package dev.pdm.iiot.simulator.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the CSV files to replay: files as given, folders searched recursively, in natural order. */
public final class SkabFiles {

    /** {@code valve1/2.csv} before {@code valve1/10.csv}. */
    static final Comparator<Path> NATURAL_ORDER = SkabFiles::compareNatural;

    private SkabFiles() {
    }

    /** Each given file, and the {@code *.csv} files under each given folder (sorted), in the order given. */
    public static List<Path> expand(final List<Path> paths) {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    final List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv"))
                            .sorted((a, b) -> compareNatural(path.relativize(a), path.relativize(b)))
                            .toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException("no .csv file under " + path);
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
        }
        return List.copyOf(files);
    }

    /** Parses every file. */
    public static List<SkabFile> load(final List<Path> paths) {
        return expand(paths).stream().map(SkabParser::parse).toList();
    }

    private static int compareNatural(final Path a, final Path b) {
        final int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n; i++) {
            final int c = compareNatural(a.getName(i).toString(), b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    /** Compares runs of digits by their value, everything else as text. */
    static int compareNatural(final String a, final String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final char ca = a.charAt(i);
            final char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                final int si = i;
                final int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                final String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                final String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                final int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

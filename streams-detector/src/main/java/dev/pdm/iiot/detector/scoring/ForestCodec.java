package dev.pdm.iiot.detector.scoring;

import dev.pdm.iiot.detector.model.BinaryWriter;
import dev.pdm.iiot.events.model.ModelDescriptor;
import smile.anomaly.IsolationForest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stored form of a {@link TrainedModel}: a versioned header, the model's metadata and its forest.
 *
 * <pre>
 * "PDMF"  magic                     4 bytes
 * codec   version (1)               1 byte
 * format  1 = flat forest, 2 = Java-serialized Smile forest
 * machine id, version, trained at (epoch ms), reason, samples, threshold, contamination,
 * extension level, features (names, means, deviations)
 * format 1: dimensions, subsample size, trees, then every tree in pre-order, one node as
 *   tag 0..119 = axis split on feature tag, go left when x &lt; threshold;  a double follows
 *   tag 120..239 = axis split on feature tag-120, go left when x &gt; threshold;  a double follows
 *   tag 254 = hyperplane split: its normal (dimensions doubles) and bias
 *   tag 255 = leaf: the number of training readings that reached it (var-int)
 *   tag 253 = leaf: its path length as a double (when the count cannot be recovered)
 * format 2: the Smile forest's Java serialization, read only through an allow-list filter
 * </pre>
 *
 * <p>Format 1 is the default: about a seventh of Smile's Java serialization, and decoding runs no
 * code of the stored bytes' choosing. Format 2 exists for models written by Smile directly; it is
 * read through an {@link ObjectInputFilter} that admits only Smile's forest, tree and node classes
 * and arrays of doubles, with limits on depth, references and bytes. Either way the forest is
 * turned into a {@link FlatForest} once per model version, never per reading.
 */
public final class ForestCodec {

    public static final int MAGIC = 0x50444D46; // "PDMF"
    public static final byte CODEC_VERSION = 1;
    public static final byte FORMAT_FLAT = 1;
    public static final byte FORMAT_SMILE_JAVA = 2;

    private static final int AXIS_NEGATIVE = 120;
    private static final int TAG_LEAF_DOUBLE = 253;
    private static final int TAG_HYPERPLANE = 254;
    private static final int TAG_LEAF = 255;
    private static final int MAX_FEATURES = 120;

    /** The only classes a Java-serialized model may contain. */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            "smile.anomaly.IsolationForest",
            "smile.anomaly.IsolationTree",
            "smile.anomaly.IsolationTree$Node",
            "[Lsmile.anomaly.IsolationTree;",
            "[D");

    static final ObjectInputFilter SMILE_FILTER = info -> {
        if (info.depth() > 64 || info.references() > 2_000_000 || info.streamBytes() > 64L * 1024 * 1024) {
            return ObjectInputFilter.Status.REJECTED;
        }
        final Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        return ALLOWED_CLASSES.contains(type.getName()) ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    };

    private ForestCodec() {
    }

    /** The model in format 1. */
    public static byte[] encode(final TrainedModel model) {
        if (model.features().size() > MAX_FEATURES) {
            throw new IllegalArgumentException("at most " + MAX_FEATURES + " features can be stored");
        }
        final FlatForest f = model.forest();
        // the trees: a few bytes per node, written without a stream's per-byte locking
        final BinaryWriter trees = new BinaryWriter(8 * f.nodes());
        final double[] leafExtras = FlatForest.leafExtras(f.sampleSize());
        for (final int root : f.roots()) {
            writeNode(trees, f, leafExtras, root, 0);
        }
        final byte[] nodes = trees.toByteArray();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(nodes.length + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeHeader(out, model, FORMAT_FLAT);
            out.writeByte(f.dimensions());
            out.writeInt(f.sampleSize());
            out.writeInt(f.trees());
            out.write(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The model in format 2, with the Smile forest it was converted from. */
    public static byte[] encodeSmile(final TrainedModel model, final IsolationForest smile) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeHeader(out, model, FORMAT_SMILE_JAVA);
            out.writeInt(model.forest().sampleSize());
            out.flush();
            final ObjectOutputStream java = new ObjectOutputStream(out);
            java.writeObject(smile);
            java.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a model this codec wrote
     */
    public static TrainedModel decode(final byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a stored model: bad magic");
            }
            final byte codec = in.readByte();
            if (codec != CODEC_VERSION) {
                throw new IllegalArgumentException("stored model of codec version " + codec + ", this code reads "
                        + CODEC_VERSION);
            }
            final byte format = in.readByte();
            final String machineId = in.readUTF();
            final int version = in.readInt();
            final Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            final ModelDescriptor.Reason reason = ModelDescriptor.Reason.valueOf(in.readUTF());
            final int samples = in.readInt();
            final double threshold = in.readDouble();
            final double contamination = in.readDouble();
            final int extension = in.readInt();
            final int d = in.readUnsignedByte();
            if (d < 1 || d > MAX_FEATURES) {
                throw new IllegalArgumentException("stored model has " + d + " features");
            }
            final List<String> features = new ArrayList<>(d);
            final double[] means = new double[d];
            final double[] stds = new double[d];
            for (int k = 0; k < d; k++) {
                features.add(in.readUTF());
                means[k] = in.readDouble();
                stds[k] = in.readDouble();
            }
            final FlatForest forest = switch (format) {
                case FORMAT_FLAT -> readFlat(in, d);
                case FORMAT_SMILE_JAVA -> readSmile(in, d);
                default -> throw new IllegalArgumentException("unknown stored model format " + format);
            };
            return new TrainedModel(machineId, version, trainedAt, reason, features, means, stds, samples,
                    threshold, contamination, extension, forest);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt stored model: " + e.getMessage(), e);
        }
    }

    private static void writeHeader(final DataOutputStream out, final TrainedModel m, final byte format)
            throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(CODEC_VERSION);
        out.writeByte(format);
        out.writeUTF(m.machineId());
        out.writeInt(m.version());
        out.writeLong(m.trainedAt().toEpochMilli());
        out.writeUTF(m.reason().name());
        out.writeInt(m.samples());
        out.writeDouble(m.threshold());
        out.writeDouble(m.contamination());
        out.writeInt(m.extensionLevel());
        out.writeByte(m.features().size());
        for (int k = 0; k < m.features().size(); k++) {
            out.writeUTF(m.features().get(k));
            out.writeDouble(m.means()[k]);
            out.writeDouble(m.stds()[k]);
        }
    }

    private static void writeNode(final BinaryWriter out, final FlatForest f, final double[] leafExtras, final int i,
                                  final int depth) {
        final byte feature = f.feature(i);
        final double value = f.value(i);
        if (feature == FlatForest.LEAF) {
            final int size = leafSize(value - depth, leafExtras);
            if (size >= 0 && depth + leafExtras[size] == value) {
                out.writeByte(TAG_LEAF);
                writeVarInt(out, size);
            } else {
                out.writeByte(TAG_LEAF_DOUBLE);
                out.writeDouble(value);
            }
            return;
        }
        if (feature == FlatForest.HYPERPLANE) {
            out.writeByte(TAG_HYPERPLANE);
            for (final double c : f.hyperplane((int) f.slope(i))) {
                out.writeDouble(c);
            }
            out.writeDouble(value);
        } else if (f.slope(i) > 0) {
            out.writeByte(feature);
            out.writeDouble(value);
        } else {
            // an axis split's slope is 1 or -1 (FlatForest keeps any other as a hyperplane)
            out.writeByte(AXIS_NEGATIVE + feature);
            out.writeDouble(-value);
        }
        writeNode(out, f, leafExtras, f.left(i), depth + 1);
        writeNode(out, f, leafExtras, f.right(i), depth + 1);
    }

    /** The path length a leaf of {@code size} readings adds to its depth. */
    private static double leafExtra(final int size) {
        return size > 1 ? FlatForest.averagePathLength(size) : 0.0;
    }

    /**
     * The readings count whose c(n) ({@code leafExtras}) lies nearest {@code extra}, or -1 for none.
     * A leaf's path length less its depth can miss c(n) by a rounding; the caller checks that the
     * count gives the path length exactly.
     */
    private static int leafSize(final double extra, final double[] leafExtras) {
        if (extra == 0.0) {
            return 1;
        }
        if (!(extra > 0.0) || leafExtras.length < 3) {
            return -1;
        }
        int lo = 2;
        int hi = leafExtras.length - 1;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (leafExtras[mid] < extra) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 2 && extra - leafExtras[lo - 1] < leafExtras[lo] - extra) {
            return lo - 1;
        }
        return lo;
    }

    private static FlatForest readFlat(final DataInputStream in, final int d) throws IOException {
        final int dimensions = in.readUnsignedByte();
        final int sampleSize = in.readInt();
        final int trees = in.readInt();
        if (dimensions != d || sampleSize < 1 || trees < 1 || trees > 100_000) {
            throw new IllegalArgumentException("stored forest header is inconsistent");
        }
        final FlatForestBuilder nodes = new FlatForestBuilder(d);
        // a stored sample size is not trusted with the table's size: larger leaves are computed
        final double[] leafExtras = FlatForest.leafExtras(Math.min(sampleSize, 4096));
        final int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            roots[t] = nodes.size();
            readNode(in, nodes, leafExtras, 0);
        }
        return nodes.build(roots, sampleSize);
    }

    private static void readNode(final DataInputStream in, final FlatForestBuilder nodes, final double[] leafExtras,
                                 final int depth) throws IOException {
        if (depth > 512) {
            throw new IllegalArgumentException("stored tree is deeper than any trained one");
        }
        final int tag = in.readUnsignedByte();
        final int index = nodes.size();
        if (tag == TAG_LEAF) {
            final int size = readVarInt(in);
            nodes.addLeaf(depth + (size >= 0 && size < leafExtras.length ? leafExtras[size] : leafExtra(size)));
            return;
        }
        if (tag == TAG_LEAF_DOUBLE) {
            nodes.addLeaf(in.readDouble());
            return;
        }
        if (tag == TAG_HYPERPLANE) {
            final double[] normal = new double[nodes.dimensions()];
            for (int k = 0; k < normal.length; k++) {
                normal[k] = in.readDouble();
            }
            nodes.addHyperplane(normal, in.readDouble());
        } else if (tag < AXIS_NEGATIVE) {
            checkFeature(tag, nodes.dimensions());
            nodes.addSplit(tag, false, in.readDouble());
        } else if (tag < 2 * AXIS_NEGATIVE) {
            checkFeature(tag - AXIS_NEGATIVE, nodes.dimensions());
            nodes.addSplit(tag - AXIS_NEGATIVE, true, -in.readDouble());
        } else {
            throw new IllegalArgumentException("unknown node tag " + tag);
        }
        readNode(in, nodes, leafExtras, depth + 1);
        nodes.setRight(index, nodes.size());
        readNode(in, nodes, leafExtras, depth + 1);
    }

    private static void checkFeature(final int feature, final int dimensions) {
        if (feature >= dimensions) {
            throw new IllegalArgumentException("stored split on feature " + feature + " of " + dimensions);
        }
    }

    private static FlatForest readSmile(final DataInputStream in, final int d) throws IOException {
        final int sampleSize = in.readInt();
        try (ObjectInputStream java = new ObjectInputStream(in)) {
            java.setObjectInputFilter(SMILE_FILTER);
            final Object forest = java.readObject();
            if (!(forest instanceof IsolationForest smile)) {
                throw new IllegalArgumentException("stored Java object is not an IsolationForest");
            }
            return SmileForests.toFlat(smile, d, sampleSize);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("stored Java object refused by the allow-list: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("stored Java object of an unknown class", e);
        }
    }

    private static void writeVarInt(final BinaryWriter out, final int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(final DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            final int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed var-int");
    }
}

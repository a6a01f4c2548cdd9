package org.wormsign.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an opaque {@code TYPE_INT_RGB} image as an 8-bit RGB PNG straight from its pixel array. ImageIO's
 * PNG writer (what JFreeChart's {@code ChartUtils} calls) reads the pixels back one sample at a time through
 * the generic {@code Raster} interface and took most of the report's second on a 3 GB input; this reads
 * the {@code int[]} once per row. Each row gets the PNG filter (none, Sub or Up) with the smallest sum of
 * absolute differences, the usual heuristic (PNG spec, section 12.8), which suits charts' flat areas.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** zlib level: past 6 the charts shrink by a few per cent for twice the time. */
    private static final int LEVEL = 6;

    private PngEncoder() {}

    static byte[] encode(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected an opaque TYPE_INT_RGB image, got type " + image.getType());
        }
        int w = image.getWidth(), h = image.getHeight();
        // The image may be a view into a larger one (getSubimage): its rows start at an offset, a stride apart.
        WritableRaster raster = image.getRaster();
        DataBufferInt data = (DataBufferInt) raster.getDataBuffer();
        int stride = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        int first = data.getOffset() - raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX();
        int[] pixels = data.getData();
        ByteArrayOutputStream png = new ByteArrayOutputStream(w * h / 8 + 1024);
        try {
            png.write(SIGNATURE);
            byte[] header = new byte[13];
            putInt(header, 0, w);
            putInt(header, 4, h);
            header[8] = 8; // bit depth
            header[9] = 2; // colour type: RGB
            // compression, filter method and interlace are all 0
            chunk(png, "IHDR", header, header.length);
            byte[] idat = deflatedRows(pixels, first, stride, w, h);
            chunk(png, "IDAT", idat, idat.length);
            chunk(png, "IEND", new byte[0], 0);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding to memory failed", e);
        }
        return png.toByteArray();
    }

    private static byte[] deflatedRows(int[] pixels, int first, int stride, int w, int h) throws IOException {
        int rowBytes = w * 3;
        byte[] previous = new byte[rowBytes], current = new byte[rowBytes];
        byte[] none = new byte[rowBytes + 1], sub = new byte[rowBytes + 1], up = new byte[rowBytes + 1];
        none[0] = 0;
        sub[0] = 1;
        up[0] = 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 8 + 64);
        Deflater deflater = new Deflater(LEVEL);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater, 1 << 16)) {
            for (int y = 0; y < h; y++) {
                unpackRow(pixels, first + y * stride, w, current);
                z.write(bestFilter(current, previous, none, sub, up));
                byte[] t = previous;
                previous = current;
                current = t;
            }
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    // The row loops are methods of their own, called once per row: a method called a few times (once per chart)
    // runs its loops in the interpreter until an on-stack replacement is compiled, and the five charts of a run
    // spent most of a second there; a method called once per row is compiled after a few hundred rows.

    /** A row of {@code TYPE_INT_RGB} pixels as R, G, B bytes. */
    static void unpackRow(int[] pixels, int row, int w, byte[] into) {
        for (int x = 0, i = 0; x < w; x++) {
            int p = pixels[row + x];
            into[i++] = (byte) (p >> 16);
            into[i++] = (byte) (p >> 8);
            into[i++] = (byte) p;
        }
    }

    /**
     * Fills {@code none}, {@code sub} and {@code up} (each with its filter-type byte in front) from the row and
     * the one above it, and returns the one whose bytes have the smallest sum of absolute values.
     */
    static byte[] bestFilter(byte[] current, byte[] previous, byte[] none, byte[] sub, byte[] up) {
        long costNone = 0, costSub = 0, costUp = 0;
        for (int i = 0; i < current.length; i++) {
            byte c = current[i];
            byte s = (byte) (c - (i >= 3 ? current[i - 3] : 0));
            byte u = (byte) (c - previous[i]);
            none[i + 1] = c;
            sub[i + 1] = s;
            up[i + 1] = u;
            costNone += Math.abs((int) c);
            costSub += Math.abs((int) s);
            costUp += Math.abs((int) u);
        }
        return costSub < costNone ? (costUp < costSub ? up : sub) : (costUp < costNone ? up : none);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] word = new byte[4];
        putInt(word, 0, length);
        out.write(word);
        out.write(typeBytes);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        putInt(word, 0, (int) crc.getValue());
        out.write(word);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

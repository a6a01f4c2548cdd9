package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PngEncoderTest {
    /** Decoded by ImageIO, every pixel comes back as drawn: flat areas, antialiased edges and noise use all three filters. */
    @Test
    void imageIoReadsBackEveryPixel() throws IOException {
        BufferedImage img = new BufferedImage(301, 97, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xfcfcfc));
        g.fillRect(0, 0, 301, 97);
        g.setColor(new Color(0xc0392b));
        g.fillRect(20, 10, 40, 80);
        g.setColor(Color.BLACK);
        g.drawString("Code Red II 2001-08-04", 80, 50);
        g.drawOval(150, 5, 120, 85);
        g.dispose();
        Random noise = new Random(7);
        for (int x = 0; x < 301; x++) img.setRGB(x, 96, noise.nextInt() & 0xFFFFFF);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));

        assertEquals(301, back.getWidth());
        assertEquals(97, back.getHeight());
        for (int y = 0; y < 97; y++) {
            for (int x = 0; x < 301; x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    /**
     * The chart warm-up's rows make every filter the best somewhere, so the encoder it gets compiled has seen
     * each outcome (trained on one, the compiled code would be thrown away at the first real chart); and they
     * round-trip like any image.
     */
    @Test
    void theWarmUpRowsMakeEveryFilterTheBest() throws IOException {
        BufferedImage img = Charts.warmUpRows();
        int w = img.getWidth();
        int[] pixels = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        byte[] previous = new byte[w * 3], current = new byte[w * 3];
        byte[] none = new byte[w * 3 + 1], sub = new byte[w * 3 + 1], up = new byte[w * 3 + 1];
        none[0] = 0;
        sub[0] = 1;
        up[0] = 2;
        int[] chosen = new int[3];
        for (int y = 0; y < img.getHeight(); y++) {
            PngEncoder.unpackRow(pixels, y * w, w, current);
            chosen[PngEncoder.bestFilter(current, previous, none, sub, up)[0]]++;
            byte[] t = previous;
            previous = current;
            current = t;
        }
        for (int f = 0; f < 3; f++) assertTrue(chosen[f] >= img.getHeight() / 4, "filter " + f + " chosen for " + chosen[f] + " rows");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < w; x++) assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
        }
    }

    /** A view into a larger image (getSubimage) starts at an offset in the shared array, its rows a stride apart. */
    @Test
    void aSubimageIsEncodedWithItsOwnPixels() throws IOException {
        BufferedImage parent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) parent.setRGB(x, y, x << 16 | y << 8 | (x ^ y));
        BufferedImage sub = parent.getSubimage(10, 5, 20, 10);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(sub)));
        assertEquals(20, back.getWidth());
        assertEquals(10, back.getHeight());
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) assertEquals(sub.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
        }
    }

    @Test
    void onePixelImage() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x123456);
        assertEquals(0xFF123456, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img))).getRGB(0, 0));
    }

    @Test
    void refusesImagesWithAlpha() {
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB)));
    }
}

package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

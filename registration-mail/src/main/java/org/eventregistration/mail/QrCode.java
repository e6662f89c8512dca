package org.eventregistration.mail;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code as a PNG image: black modules on white, a quiet zone of four modules, error correction
 * level M (a phone reads it off a cracked or dim screen), {@value #MODULE_PIXELS} pixels per module.
 */
final class QrCode {
    /** Pixels per module: sharp on a phone's screen without scaling, and small (a few kB). */
    static final int MODULE_PIXELS = 6;

    private static final int QUIET_ZONE = 4;

    private QrCode() {}

    /** The PNG of a QR code that holds {@code text} (a URL: ASCII). */
    static byte[] png(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        BitMatrix modules;
        try {
            modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of " + text.length() + " characters", e);
        }
        int size = (modules.getWidth() + 2 * QUIET_ZONE) * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            int my = y / MODULE_PIXELS - QUIET_ZONE;
            for (int x = 0; x < size; x++) {
                int mx = x / MODULE_PIXELS - QUIET_ZONE;
                boolean dark = mx >= 0
                        && my >= 0
                        && mx < modules.getWidth()
                        && my < modules.getHeight()
                        && modules.get(mx, my);
                image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

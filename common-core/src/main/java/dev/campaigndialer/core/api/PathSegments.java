package dev.campaigndialer.core.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A path segment as RFC 3986 (section 2.1) encodes it: "%XX" is one octet and the octets are
 * UTF-8; every other character, '+' among them, stands for itself. (URLDecoder decodes HTML form
 * fields, where '+' is a space: wrong for a path, and for the '+' of an E.164 number.)
 */
public final class PathSegments {

    private PathSegments() {
    }

    /** The decoded segment, or empty when an escape is malformed or the octets are not UTF-8. */
    public static Optional<String> decode(String segment) {
        if (!Text.isWellFormed(segment)) {
            return Optional.empty();
        }
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        var octets = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            int c = segment.codePointAt(i);
            if (c != '%') {
                octets.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            if (i + 2 >= segment.length() || !HexFormat.isHexDigit(segment.charAt(i + 1))
                    || !HexFormat.isHexDigit(segment.charAt(i + 2))) {
                return Optional.empty();
            }
            octets.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

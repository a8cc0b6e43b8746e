package io.healthstream.serde;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code user:password@} part of URLs: taken out of a registry URL to become its basic auth, and
 * hidden wherever a URL may be printed or stored (logs, error messages, dead-letter headers).
 */
public final class UrlUserInfo {
    public static final String HIDDEN = "[hidden]";
    // scheme://userinfo@ where userinfo has no '/', '@' or whitespace.
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s]+)@");

    private UrlUserInfo() {}

    /** {@code text} with the user-info of every URL in it replaced by {@value #HIDDEN}. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "@");
    }

    /** The decoded {@code user:password} of {@code url}, if it has one. */
    static Optional<String> of(String url) {
        Matcher matcher = USER_INFO.matcher(url);
        return matcher.lookingAt()
                ? Optional.of(URLDecoder.decode(matcher.group(2).replace("+", "%2B"), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    /** {@code url} without its user-info. */
    static String strip(String url) {
        Matcher matcher = USER_INFO.matcher(url);
        return matcher.lookingAt() ? matcher.group(1) + url.substring(matcher.end()) : url;
    }
}

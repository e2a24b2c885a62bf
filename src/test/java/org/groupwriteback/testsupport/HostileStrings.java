package org.groupwriteback.testsupport;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile text for property tests: RFC 4514 specials, leading {@code #} and spaces, trailing spaces
 * and backslashes, NUL and control characters, bidi marks, unpaired surrogates, LDAP filter metacharacters,
 * emoji, and 10,000-character values.
 */
public final class HostileStrings {
    /** Length of the huge values. */
    public static final int HUGE = 10_000;

    private static final String[] PIECES = {
        ",", "+", "\"", "\\", "<", ">", ";", "=", "#", " ", "  ", "\\,", "\\2C", "#0401",
        "\u0000", "\u0001", "\u0007", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085",
        "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u061c", "\ufeff", "\u00a0",
        "\ud800", "\udc00", "\ud83d\ude00", "\ud83d", "\ude00",
        "*", "(", ")", "*)(objectClass=*", ")(|(cn=*", "\\00", "\\2a",
        "CN=Admins,DC=x", "OU=Evil", "Group_", "a", "Zo\u00eb", "\u00dcn\u00efc\u00f6d\u00e9", "\u6771\u4eac", "x y",
    };

    private HostileStrings() {
    }

    /** Short mixes of hostile pieces. */
    public static Arbitrary<String> mixes() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(10).map(l -> String.join("", l));
    }

    /**
     * Display names, descriptions and nicknames: hostile mixes, the same wrapped in a leading {@code #}/space and a
     * trailing space/backslash, whitespace only, 10,000-character values, and null.
     */
    public static Arbitrary<String> values() {
        Arbitrary<String> mix = mixes();
        return Arbitraries.frequencyOf(
                Tuple.of(10, mix),
                Tuple.of(3, mix.map(s -> "#" + s + " \\")),
                Tuple.of(2, mix.map(s -> " " + s + "\\")),
                Tuple.of(1, Arbitraries.of(" ", "   ", "\t", "\u0000", "\\", "#")),
                Tuple.of(1, mix.map(s -> s.repeat(HUGE / s.length() + 1).substring(0, HUGE))))
                .injectNull(0.03);
    }

    /** Cloud ids that pass the import (object ids, in either case; anything else is skipped when imported). */
    public static Arbitrary<String> ids() {
        return Arbitraries.create(() -> UUID.randomUUID().toString()).flatMap(g -> Arbitraries.of(g, g.toUpperCase()));
    }

    /** Ids the import must skip: DN and filter metacharacters, lone surrogates, 10,000 characters. */
    public static Arbitrary<String> invalidIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, ids().flatMap(g -> mixes().map(m -> g + m))),
                Tuple.of(2, mixes()),
                Tuple.of(1, mixes().map(s -> s.repeat(HUGE / s.length() + 1).substring(0, HUGE))));
    }
}

package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a --tz glob matches in an input's name: whole parts between '/' and '!', at any depth. */
class NameGlobTest {
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // A folder's name covers what is in it; a file name matches wherever the file is.
        "web1/*               | logs/web1/ex010801.log | true",
        "web1                 | logs/web1/ex010801.log | true",
        "web1/                | logs/web1/ex010801.log | true",
        "ex010801.log         | logs/web1/ex010801.log | true",
        "ex01*.log            | logs/web1/ex010801.log | true",
        "*.log                | logs/web1/ex010801.log | true",
        "logs/web1/ex010801.log | logs/web1/ex010801.log | true",
        "logs/*               | logs/web1/ex010801.log | true",
        "logs/**/*.log        | logs/web1/ex010801.log | true",
        "logs/**              | logs/web1/ex010801.log | true",
        "**/ex010801.log      | logs/web1/ex010801.log | true",
        "web?                 | logs/web1/ex010801.log | true",
        "web[0-9]             | logs/web1/ex010801.log | true",
        "{web1,web2}/ex*      | logs/web1/ex010801.log | true",
        "ex0108??.log         | logs/web1/ex010801.log | true",
        // Only whole parts: no piece of a name, no file as if it were a folder.
        "web                  | logs/web1/ex010801.log | false",
        "eb1                  | logs/web1/ex010801.log | false",
        "web2                 | logs/web1/ex010801.log | false",
        "web[!1]              | logs/web1/ex010801.log | false",
        "web[^1]              | logs/web1/ex010801.log | false",
        "web1/ex010801        | logs/web1/ex010801.log | false",
        "ex010801.log/        | logs/web1/ex010801.log | false",
        "logs/*.log           | logs/web1/ex010801.log | false",
        "logs*                | logs/web1/ex010801.log | true",
        "logs*log             | logs/web1/ex010801.log | false",
        // A leading '/' anchors at the start of the name.
        "/srv/logs            | /srv/logs/web1/ex.log  | true",
        "/logs                | /srv/logs/web1/ex.log  | false",
        "/logs                | logs/web1/ex.log       | false",
        // Archive members: '!' joins the archive and the member, and '*' stays on its side.
        "logs.zip             | cases/logs.zip!W3SVC2/ex010720.log | true",
        "logs.zip!*           | cases/logs.zip!W3SVC2/ex010720.log | true",
        "logs.zip!            | cases/logs.zip!W3SVC2/ex010720.log | true",
        "*!W3SVC2/*           | cases/logs.zip!W3SVC2/ex010720.log | true",
        "*.zip                | cases/logs.zip!W3SVC2/ex010720.log | true",
        "W3SVC2               | cases/logs.zip!W3SVC2/ex010720.log | true",
        "**/ex010720.log      | cases/logs.zip!W3SVC2/ex010720.log | true",
        "logs.zip!**/*.log    | cases/logs.zip!W3SVC2/ex010720.log | true",
        "cases/*              | cases/logs.zip!W3SVC2/ex010720.log | true",
        "logs.zip!W3SVC1      | cases/logs.zip!W3SVC2/ex010720.log | false",
        "logs.zip/W3SVC2      | cases/logs.zip!W3SVC2/ex010720.log | false",
        "logs*W3SVC2          | cases/logs.zip!W3SVC2/ex010720.log | false",
        "logs.zip**W3SVC2     | cases/logs.zip!W3SVC2/ex010720.log | true",
        // '**/' between parts is also no part at all; elsewhere '**' is any characters.
        "a/**/b               | x/a/b       | true",
        "a/**/b               | x/a/c/d/b   | true",
        "a/**/b               | x/a/cb      | false",
        "a**b                 | x/a/c/b     | true",
        // Quoting, and a ']' first in a set.
        "a\\*b                | a*b/x.log   | true",
        "a\\*b                | axxb/x.log  | false",
        "[]]x                 | d/]x        | true",
        "-                    | -           | true",
    })
    void matches(String glob, String name, boolean expected) {
        assertEquals(expected, NameGlob.compile(glob).matches(name));
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', value = {
        "''          | empty pattern",
        "web[1       | '[' without ']'",
        "{a,b        | '{' without '}'",
        "{a,{b,c}}   | '{' inside '{...}'",
        "a\\         | quotes nothing",
        "[z-a]       | runs backwards",
        "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b} | more than 1024 alternatives",
    })
    void badGlobsSayWhy(String glob, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NameGlob.compile(glob));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aHostileMemberNameCannotMakeMatchingSlow() {
        // Member names come from the archive's maker. A backtracking matcher takes time exponential in the
        // stars here; the states run over the name once.
        String name = "logs.zip!" + "a".repeat(60_000) + "/" + "a".repeat(60_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertFalse(NameGlob.compile("*a*a*a*a*a*a*b").matches(name));
            assertFalse(NameGlob.compile("**a**a**a**a**a**b").matches(name));
            assertTrue(NameGlob.compile("*a*a*a*a*a*a*").matches(name));
        });
    }
}

package org.wormsign.detect;

/**
 * What a server's answer to Code Red means, by kind and status, per DOMAIN.md's table and the advisory
 * (MyCERT MA-032.072001): the sentence a responder acts on.
 */
public final class ServerAnswer {
    private ServerAnswer() {}

    public static String meaning(ServerKind kind, int status) {
        switch (kind) {
            case IIS:
                switch (status) {
                    case 404: return "IIS with .ida unmapped (404): this request cannot infect it";
                    case 200: return "IIS with .ida mapped (200): check MS01-033 is applied; an infected IIS logs nothing";
                    case 400: return "IIS rejected the request (400)";
                    default: return "IIS answered " + describe(status);
                }
            case NON_IIS:
                switch (status) {
                    case 400: return "non-IIS, rejected the request (400): the side effect the advisory describes";
                    case 404: return "non-IIS, not found (404)";
                    case 200: return "non-IIS, answered 200 (a catch-all handler): not infectable by this request";
                    default: return "non-IIS, answered " + describe(status);
                }
            default:
                return "answered " + describe(status);
        }
    }

    private static String describe(int status) {
        return status < 0 ? "with no status (-)" : String.valueOf(status);
    }
}

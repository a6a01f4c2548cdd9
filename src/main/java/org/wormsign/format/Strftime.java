package org.wormsign.format;

/**
 * Expands a strftime(3) format into time-part fields of a plan, so a time spelled any way is read by the
 * same matcher as the rest of the line. Composite conversions are expanded into their parts, the
 * locale's ones ({@code %c %x %X}) as the C locale spells them. Which parts give the date and which only
 * decorate it is the plan's {@link TimeRecipe}'s to say.
 */
public final class Strftime {
    private Strftime() {}

    public static void expand(String format, PlanBuilder plan) {
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') { plan.literal(c); continue; }
            if (++i >= format.length()) throw new FormatException("strftime format ends with a lone '%': " + format);
            char conv = format.charAt(i);
            // glibc flags and E/O modifiers change padding or locale digits; logs use the plain forms.
            while ((conv == '-' || conv == '_' || conv == '0' || conv == 'E' || conv == 'O') && i + 1 < format.length()) conv = format.charAt(++i);
            switch (conv) {
                case 'Y': plan.field(FieldKind.T_YEAR); break;
                case 'y': plan.field(FieldKind.T_YEAR2); break;
                case 'm': plan.field(FieldKind.T_MONTH); break;
                case 'b': case 'h': plan.field(FieldKind.T_MONTH_ABBR); break;
                case 'B': plan.field(FieldKind.T_MONTH_NAME); break;
                case 'd': case 'e': plan.field(FieldKind.T_DAY); break;
                case 'H': case 'k': plan.field(FieldKind.T_HOUR); break;
                case 'I': case 'l': plan.field(FieldKind.T_HOUR12); break;
                case 'p': case 'P': plan.field(FieldKind.T_AMPM); break;
                case 'M': plan.field(FieldKind.T_MINUTE); break;
                case 'S': plan.field(FieldKind.T_SECOND); break;
                case 'a': case 'A': plan.field(FieldKind.T_WEEKDAY); break;
                case 'z': plan.field(FieldKind.T_OFFSET); break;
                case 'Z': plan.field(FieldKind.T_ZONE_NAME); break;
                case 's': plan.field(FieldKind.T_EPOCH_SECONDS); break;
                case 'C': plan.field(FieldKind.T_CENTURY); break;
                case 'G': plan.field(FieldKind.T_ISO_YEAR); break;
                case 'g': plan.field(FieldKind.T_ISO_YEAR2); break;
                case 'V': plan.field(FieldKind.T_ISO_WEEK); break;
                case 'j': plan.field(FieldKind.T_DAY_OF_YEAR); break;
                case 'u': plan.field(FieldKind.T_WEEKDAY_FROM_MONDAY); break;
                case 'w': plan.field(FieldKind.T_WEEKDAY_FROM_SUNDAY); break;
                case 'U': plan.field(FieldKind.T_WEEK_FROM_SUNDAY); break;
                case 'W': plan.field(FieldKind.T_WEEK_FROM_MONDAY); break;
                // The C locale's date and time, date, and time (POSIX strftime).
                case 'c': expand("%a %b %e %H:%M:%S %Y", plan); break;
                case 'x': expand("%m/%d/%y", plan); break;
                case 'X': expand("%H:%M:%S", plan); break;
                case 'T': expand("%H:%M:%S", plan); break;
                case 'R': expand("%H:%M", plan); break;
                case 'D': expand("%m/%d/%y", plan); break;
                case 'F': expand("%Y-%m-%d", plan); break;
                case 'r': expand("%I:%M:%S %p", plan); break;
                case 'n': plan.literal('\n'); break;
                case 't': plan.literal('\t'); break;
                case '%': plan.literal('%'); break;
                default:
                    throw new FormatException("strftime conversion %" + conv + " is not supported in a log time: " + format);
            }
        }
    }
}

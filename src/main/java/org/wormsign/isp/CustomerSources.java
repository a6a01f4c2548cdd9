package org.wormsign.isp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * ISP mode's customer data as the command line names it ({@code --customers}, {@code --leases}, in that order;
 * {@code --customer-field}; {@code --radius-interim}): what the attribution is loaded from, once, before any log is
 * read (a Spark job's driver sends its executors the loaded tables, not these names).
 */
public record CustomerSources(List<String> specs, Map<CustomerFormat, String> fields, long radiusInterimSeconds) {
    public CustomerSources {
        specs = List.copyOf(specs);
        fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    public Attribution load() throws CustomerData.LoadException {
        return new Attribution(CustomerData.load(specs, fields, radiusInterimSeconds));
    }
}

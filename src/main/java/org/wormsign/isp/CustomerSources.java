package org.wormsign.isp;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * ISP mode's customer data as the command line names it ({@code --customers}, {@code --leases}, in that order;
 * {@code --customer-field}; {@code --radius-interim}): what a Spark job's executors load their attribution from,
 * each once, as the driver loads its own. The same files read the same way give the same customer numbers,
 * which is what the hooks' findings are keyed by.
 */
public record CustomerSources(List<String> specs, Map<CustomerFormat, String> fields, long radiusInterimSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CustomerSources {
        specs = List.copyOf(specs);
        fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    public Attribution load() throws CustomerData.LoadException {
        return new Attribution(CustomerData.load(specs, fields, radiusInterimSeconds));
    }
}

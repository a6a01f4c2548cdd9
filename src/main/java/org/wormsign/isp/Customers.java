package org.wormsign.isp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customers the data names, each once, by a dense id (the index stores ids, not Strings): a static
 * assignment's customer with its display name and contact where the file gives them, a lease's client by the
 * field chosen for its format (a MAC address, a user name).
 */
public final class Customers {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> displayNames = new ArrayList<>();
    private final List<String> contacts = new ArrayList<>();

    int id(String customer) {
        Integer id = ids.get(customer);
        if (id != null) return id;
        int next = names.size();
        ids.put(customer, next);
        names.add(customer);
        displayNames.add("");
        contacts.add("");
        return next;
    }

    /** A customer with the name and contact a static file gives; a later non-empty value replaces an earlier one. */
    int id(String customer, String displayName, String contact) {
        int id = id(customer);
        if (displayName != null && !displayName.isBlank()) displayNames.set(id, displayName.strip());
        if (contact != null && !contact.isBlank()) contacts.set(id, contact.strip());
        return id;
    }

    public int count() { return names.size(); }

    public String name(int id) { return names.get(id); }

    /** The display name given by a static file, else "". */
    public String displayName(int id) { return displayNames.get(id); }

    /** The contact given by a static file, else "". */
    public String contact(int id) { return contacts.get(id); }
}

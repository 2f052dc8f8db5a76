package org.bittern.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.bittern.lists.ListKind;

/** {@link ListKind} as the lower-case text the table's CHECK constraint and the trigger's payloads use. */
@Converter(autoApply = true)
public class ListKindConverter implements AttributeConverter<ListKind, String> {
    @Override
    public String convertToDatabaseColumn(ListKind kind) {
        return kind == null ? null : kind.sql();
    }

    @Override
    public ListKind convertToEntityAttribute(String value) {
        return value == null ? null : ListKind.ofSql(value);
    }
}

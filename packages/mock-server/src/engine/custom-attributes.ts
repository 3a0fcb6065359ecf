type AttributeValue = string | number | boolean | null;

/**
 * Typed custom-attribute matching for list filters: a query value is read as the stored value's type,
 * so `seats=5` matches the number 5 (not the string "5") and `trial=false` the boolean false.
 */
export function matchesAttributes(
  stored: Record<string, AttributeValue> | undefined,
  wanted: Record<string, string> | undefined,
): boolean {
  if (!wanted) return true;
  for (const [key, raw] of Object.entries(wanted)) {
    const value = stored?.[key];
    if (value === undefined) return false;
    if (value === null) {
      if (raw !== 'null') return false;
    } else if (typeof value === 'number') {
      if (raw.trim() === '' || Number(raw) !== value) return false;
    } else if (typeof value === 'boolean') {
      if (raw !== String(value)) return false;
    } else if (raw !== value) {
      return false;
    }
  }
  return true;
}

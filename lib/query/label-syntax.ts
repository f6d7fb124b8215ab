// Kubernetes label key and value syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue),
// checked once at parse time so a typo is an error instead of a selector that silently matches nothing.

const NAME_MAX = 63;
const PREFIX_MAX = 253;
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const NAME_RULE = "alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";

/** Why `key` is not a valid label key, or null when it is. */
export function labelKeyProblem(key: string): string | null {
  const parts = key.split('/');
  if (parts.length > 2) return `label key '${key}' has more than one '/'`;
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') return `label key '${key}' has an empty prefix before '/'`;
    if (prefix.length > PREFIX_MAX) return `label key prefix is longer than ${PREFIX_MAX} characters`;
    if (!DNS_SUBDOMAIN.test(prefix)) {
      return `label key prefix '${prefix}' must be a DNS subdomain (lowercase alphanumerics, '-' and '.')`;
    }
  }
  if (name === '') return `label key '${key}' has an empty name`;
  if (name.length > NAME_MAX) return `label key name '${name}' is longer than ${NAME_MAX} characters`;
  if (!NAME.test(name)) return `label key name '${name}' must consist of ${NAME_RULE}`;
  return null;
}

/** Why `value` is not a valid label value, or null when it is (the empty value is valid). */
export function labelValueProblem(value: string): string | null {
  if (value === '') return null;
  if (value.length > NAME_MAX) return `label value '${value}' is longer than ${NAME_MAX} characters`;
  if (!NAME.test(value)) return `label value '${value}' must consist of ${NAME_RULE}`;
  return null;
}

/** Namespaces are DNS-1123 labels. */
export function namespaceProblem(ns: string): string | null {
  if (ns.length > NAME_MAX) return `namespace '${ns}' is longer than ${NAME_MAX} characters`;
  if (!DNS_LABEL.test(ns)) return `namespace '${ns}' must consist of lowercase alphanumerics and '-'`;
  return null;
}

/**
 * Replaces every `{{name}}` in `template` with `values[name]`. A placeholder without a value, or a
 * value without a placeholder, is a bug in the templates or the renderer: it throws rather than
 * let nginx start with half a configuration.
 */
export function fillTemplate(
  templateName: string,
  template: string,
  values: Record<string, string>,
): string {
  const unused = new Set(Object.keys(values));
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${templateName}: no value for {{${name}}}`);
    unused.delete(name);
    return value;
  });
  if (unused.size > 0) {
    throw new Error(`${templateName}: no placeholder for ${[...unused].join(', ')}`);
  }
  return filled;
}
